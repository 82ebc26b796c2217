package berlin.projekte.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The rule that keeps shared reads exact: a read is answered only by a round trip sent after it
 * joined. Round trips here are futures the test completes by hand, so every interleaving is
 * chosen, not raced.
 */
class SharedRoundTripTest {

    /** The round trips sent, in order; the test answers them. */
    private final List<CompletableFuture<String>> sent = new ArrayList<>();

    private SharedRoundTrip<String> reads(Duration timeout) {
        return new SharedRoundTrip<>(() -> {
            CompletableFuture<String> roundTrip = new CompletableFuture<>();
            sent.add(roundTrip);
            return roundTrip;
        }, timeout);
    }

    @Test
    void aReadWhileNoneIsInFlightSendsAtOnce() {
        SharedRoundTrip<String> reads = reads(Duration.ofSeconds(1));
        CompletableFuture<String> first = reads.join();
        assertThat(sent).hasSize(1);
        sent.get(0).complete("generation 1");
        assertThat(answer(first)).isEqualTo("generation 1");

        CompletableFuture<String> second = reads.join();
        assertThat(sent).as("the first round trip had returned: a new one").hasSize(2);
        sent.get(1).complete("generation 2");
        assertThat(answer(second)).isEqualTo("generation 2");
    }

    @Test
    void aReadThatStartsWhileARoundTripIsInFlightWaitsForTheNextOne() {
        SharedRoundTrip<String> reads = reads(Duration.ofSeconds(1));
        CompletableFuture<String> early = reads.join();
        // Here an eviction returns; the round trip in flight may have run before it.
        CompletableFuture<String> late = reads.join();
        CompletableFuture<String> later = reads.join();
        assertThat(sent).as("one in flight; the late reads wait for the next").hasSize(1);

        sent.get(0).complete("before the eviction");
        assertThat(answer(early)).isEqualTo("before the eviction");
        assertThat(late).as("not answered by a round trip sent before it started").isNotDone();
        assertThat(sent).as("the next round trip is sent as soon as the one in flight returns").hasSize(2);
        CompletableFuture<String> afterItWasSent = reads.join();

        sent.get(1).complete("after the eviction");
        assertThat(answer(late)).isEqualTo("after the eviction");
        assertThat(answer(later)).as("one round trip answers every read that joined it").isEqualTo("after the eviction");
        assertThat(afterItWasSent).as("a read that began after that round trip was sent waits for the next").isNotDone();
        assertThat(sent).hasSize(3);
        sent.get(2).complete("later still");
        assertThat(answer(afterItWasSent)).isEqualTo("later still");
        assertThat(sent).as("none in flight, none waiting: nothing more sent").hasSize(3);
    }

    @Test
    void aFailureReachesExactlyTheReadsOfThatRoundTrip() {
        SharedRoundTrip<String> reads = reads(Duration.ofSeconds(1));
        CompletableFuture<String> first = reads.join();
        CompletableFuture<String> second = reads.join();
        sent.get(0).completeExceptionally(new IllegalStateException("connection reset"));
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isNotDone();
        sent.get(1).complete("answer");
        assertThat(answer(second)).isEqualTo("answer");
    }

    @Test
    void aSendThatThrowsFailsItsReadsAndDoesNotStallTheNext() {
        int[] calls = {0};
        SharedRoundTrip<String> reads = new SharedRoundTrip<>(() -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("not connected");
            }
            return CompletableFuture.completedFuture("connected");
        }, Duration.ofSeconds(1));
        assertThat(reads.join()).isCompletedExceptionally();
        assertThat(reads.join().join()).isEqualTo("connected");
    }

    @Test
    void aRoundTripInFlightLongerThanTheTimeoutIsGivenUp() throws InterruptedException {
        SharedRoundTrip<String> reads = reads(Duration.ofMillis(1));
        CompletableFuture<String> lost = reads.join();
        Thread.sleep(5); // older than the timeout: time passing is what is tested
        CompletableFuture<String> next = reads.join();
        assertThat(sent).as("a new round trip, not a wait for a reply that may never come").hasSize(2);
        sent.get(1).complete("answer");
        assertThat(answer(next)).isEqualTo("answer");

        sent.get(0).complete("late reply");
        assertThat(answer(lost)).isEqualTo("late reply");
        CompletableFuture<String> after = reads.join();
        assertThat(sent).as("the late reply hands nothing on; a new read sends its own").hasSize(3);
        assertThat(after).isNotDone();
    }

    /** The answer of a read; a read that is never answered fails the test instead of hanging it. */
    private static String answer(CompletableFuture<String> read) {
        try {
            return read.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }
}

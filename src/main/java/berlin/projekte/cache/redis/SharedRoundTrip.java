package berlin.projekte.cache.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One round trip answering every read of one list (key and language) that joined before it was
 * sent. A read joins the round trip that is not sent yet; it is sent at once when none is in
 * flight, else as soon as the one in flight returns. So every read is answered by a round trip
 * sent after the read started: a read that starts after an eviction returned (the eviction's
 * script ran before its reply) is answered by a script that runs after the eviction, as if it had
 * made its own round trip. Under load, one round trip answers many reads: a hit's cost on this
 * machine was mostly its own round trip (bench/findings.md).
 *
 * <p>A round trip still in flight after {@code timeout} is given up: the next read sends a new
 * one, so a lost reply cannot stall reads (its readers time out by themselves).
 */
final class SharedRoundTrip<T> {

    private final Supplier<CompletionStage<T>> send;
    private final long timeoutNanos;
    /** The round trip reads join; not sent yet. */
    private CompletableFuture<T> next;
    /** The round trip in flight (null: none); a late reply of an older one hands nothing on. */
    private CompletableFuture<T> inFlight;
    private long sentAt;

    SharedRoundTrip(Supplier<CompletionStage<T>> send, Duration timeout) {
        this.send = send;
        this.timeoutNanos = timeout.toNanos();
    }

    /** The answer of a round trip sent after this call began. */
    CompletableFuture<T> join() {
        CompletableFuture<T> round;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            round = next;
            if (inFlight != null && System.nanoTime() - sentAt < timeoutNanos) {
                return round;
            }
            startNext();
        }
        send(round);
        return round;
    }

    /** Takes {@link #next} (null: none) as the round trip in flight. */
    private void startNext() {
        inFlight = next;
        next = null;
        sentAt = System.nanoTime();
    }

    private void send(CompletableFuture<T> round) {
        CompletionStage<T> answer;
        try {
            answer = send.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, error) -> {
            CompletableFuture<T> waiting = null;
            synchronized (this) {
                if (inFlight == round) {
                    waiting = next;
                    startNext(); // none waiting: none in flight
                }
            }
            if (waiting != null) {
                send(waiting);
            }
            if (error != null) {
                round.completeExceptionally(error);
            } else {
                round.complete(value);
            }
        });
    }
}

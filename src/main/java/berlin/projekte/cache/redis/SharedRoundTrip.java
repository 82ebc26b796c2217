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
    /** The number of the round trip in flight (0: none); a late reply of an older one hands nothing on. */
    private long inFlight;
    private long sentAt;
    private long sent;

    SharedRoundTrip(Supplier<CompletionStage<T>> send, Duration timeout) {
        this.send = send;
        this.timeoutNanos = timeout.toNanos();
    }

    /** The answer of a round trip sent after this call began. */
    CompletableFuture<T> join() {
        CompletableFuture<T> round;
        long number;
        synchronized (this) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            round = next;
            if (inFlight != 0 && System.nanoTime() - sentAt < timeoutNanos) {
                return round;
            }
            number = startNext();
        }
        send(round, number);
        return round;
    }

    /** Takes {@link #next} as the round trip in flight; returns its number. */
    private long startNext() {
        next = null;
        sentAt = System.nanoTime();
        inFlight = ++sent;
        return inFlight;
    }

    private void send(CompletableFuture<T> round, long number) {
        CompletionStage<T> answer;
        try {
            answer = send.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, error) -> {
            CompletableFuture<T> waiting = null;
            long following = 0;
            synchronized (this) {
                if (inFlight == number) {
                    if (next != null) {
                        waiting = next;
                        following = startNext();
                    } else {
                        inFlight = 0;
                    }
                }
            }
            if (waiting != null) {
                send(waiting, following);
            }
            if (error != null) {
                round.completeExceptionally(error);
            } else {
                round.complete(value);
            }
        });
    }
}

package berlin.projekte.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Concurrent misses of one list (key and language) on this instance share a computation, but a read
 * joins only one it knows began after it did: with a vouched token, the computation under way if it
 * began with an equal token; without one (Redis not trusted), only one that has not begun yet, so at
 * most two computations of a list run one after the other. Why: docs/cache-coherence.md, "Single flight".
 */
final class SingleFlight<T> {

    private record Flight<T>(Object token, CompletableFuture<T> result) {
    }

    /** The computation under way that reads with an equal vouched token may join (null: none). */
    private Flight<T> running;
    /** The computation that reads without a token join until it begins (null: none). */
    private CompletableFuture<T> boarding;

    /**
     * The result of a computation that began after this read began: this thread's, or one it joined.
     * {@code token} null: the store could not vouch for the generation.
     */
    T run(Object token, Supplier<T> computation) {
        Flight<T> mine = new Flight<>(token, new CompletableFuture<>());
        CompletableFuture<T> joined = null;
        CompletableFuture<T> before = null;
        synchronized (this) {
            if (token != null && running != null && token.equals(running.token())) {
                joined = running.result();
            } else if (token == null && boarding != null) {
                joined = boarding;
            } else if (token == null && running != null) {
                boarding = mine.result();
                before = running.result();
            } else {
                running = mine;
            }
        }
        // Every wait is outside the lock: the threads that finish or start a computation need it.
        if (joined != null) {
            return await(joined);
        }
        if (before != null) {
            before.handle((result, failure) -> null).join(); // it read the database too early for this read
            synchronized (this) {
                running = mine;
                boarding = null;
            }
        }
        try {
            T result = computation.get();
            mine.result().complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            mine.result().completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                if (running == mine) {
                    running = null;
                }
            }
        }
    }

    private static <T> T await(CompletableFuture<T> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a list", e);
        }
    }

    /** A flight fails only with what its computation threw: a RuntimeException or an Error. */
    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return (RuntimeException) cause;
    }
}

package berlin.projekte.cache.redis;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The Redis store's background thread: runs the liveness task every {@code period} ms, every
 * {@code retry} ms while Redis is not trusted, at once on request, and soon after a failure.
 */
final class RedisHeartbeat implements AutoCloseable {

    private final Runnable task;
    private final long period;
    private final long retry;
    private final BooleanSupplier trusted;
    private final AtomicBoolean extraPending = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor thread;
    private ScheduledFuture<?> next;

    RedisHeartbeat(Runnable task, long period, long retry, BooleanSupplier trusted) {
        this.task = task;
        this.period = period;
        this.retry = retry;
        this.trusted = trusted;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "projekte-cache-redis-alive");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    void start() {
        schedule(0);
    }

    private void tick() {
        try {
            task.run();
        } finally {
            schedule(trusted.getAsBoolean() ? period : Math.min(period, retry));
        }
    }

    private synchronized void schedule(long delayMillis) {
        try {
            next = thread.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed
        }
    }

    /** After a failure: run soon instead of at the next regular refresh. */
    synchronized void retrySoon() {
        if (next != null && next.getDelay(TimeUnit.MILLISECONDS) > retry && next.cancel(false)) {
            schedule(retry);
        }
    }

    /** Runs the task once more now (at most one such extra run queued). */
    void runNow() {
        if (extraPending.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    extraPending.set(false);
                    task.run();
                });
            } catch (RejectedExecutionException closed) {
                extraPending.set(false);
            }
        }
    }

    @Override
    public void close() {
        // a run in progress finishes (within a lease and a timeout) before the store closes its
        // connections: it must not open a new one on a client that is shutting down
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

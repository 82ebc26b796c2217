package berlin.projekte.cache;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Refresh-ahead's small bounded pool (see {@link ListCache}): at most one queued recomputation per
 * slot (key and language); a full queue drops the work, the next read computes instead.
 */
final class RefreshAhead {

    private final Set<Integer> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor pool;

    RefreshAhead(int slots) {
        this.pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(slots), r -> {
            Thread thread = new Thread(r, "projekte-cache-refresh");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code recompute} in the background unless it is already queued for this slot; true if queued. */
    boolean submit(int slot, Runnable recompute) {
        if (!queued.add(slot)) {
            return false; // already queued: that run reads the newest generation
        }
        try {
            pool.execute(() -> {
                queued.remove(slot);
                recompute.run();
            });
            return true;
        } catch (RejectedExecutionException e) {
            queued.remove(slot);
            return false;
        }
    }

    /** Waits until no work is queued or running; false if there still is after {@code max}. */
    boolean await(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (pool.getQueue().isEmpty() && pool.getActiveCount() == 0) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    void stop() {
        pool.shutdownNow();
    }
}

package berlin.projekte.cache.redis;

import berlin.projekte.cache.CacheMetrics;
import io.lettuce.core.RedisCommandTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When this instance may trust Redis, and so its near copy (docs/cache-coherence.md, "Trust").
 * A failure whose outcome is unknown (an eviction that failed or was made while not trusted, a
 * dropped connection, any error but a timeout) is trusted again only after a liveness refresh that
 * started after it has invalidated every entry; a timeout only after a liveness refresh that
 * started after it succeeded.
 */
final class RedisTrust {

    /** The store's log: its messages keep their category. */
    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

    /** What a liveness refresh may clear when it succeeds: the failures seen before it started. */
    record Refresh(long failures, long readFailures, boolean invalidate) {
    }

    private final CacheMetrics metrics;
    private final String namespace;
    private final Runnable retrySoon;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicLong readFailures = new AtomicLong();
    private final AtomicLong readsResumed = new AtomicLong();
    private final AtomicBoolean reportedDown = new AtomicBoolean();

    /** {@code retrySoon} runs after every failure (the liveness task runs early). */
    RedisTrust(CacheMetrics metrics, String namespace, Runnable retrySoon) {
        this.metrics = metrics;
        this.namespace = namespace;
        this.retrySoon = retrySoon;
    }

    boolean trusted() {
        return recovered.get() >= failures.get() && readsResumed.get() >= readFailures.get();
    }

    /**
     * At start, Redis may hold entries older than a commit whose eviction was lost (a writer that died
     * between the two, with no instance listening): no read before the liveness task has invalidated
     * everything (not logged, not counted).
     */
    void starting() {
        failures.incrementAndGet();
    }

    /** Taken before a read: {@link #failedSince} tells whether the read overlapped a failure. */
    long mark() {
        return failures.get();
    }

    boolean failedSince(long mark) {
        return failures.get() != mark;
    }

    /** A liveness refresh starts: it must invalidate everything if a failure is not yet recovered. */
    Refresh refreshing() {
        long failuresBefore = failures.get();
        return new Refresh(failuresBefore, readFailures.get(), recovered.get() < failuresBefore);
    }

    /** The refresh succeeded (and invalidated everything if it had to): what failed before it is over. */
    void refreshed(Refresh refresh) {
        readsResumed.accumulateAndGet(refresh.readFailures(), Math::max);
        if (refresh.invalidate()) {
            recovered.accumulateAndGet(refresh.failures(), Math::max);
        }
        if (trusted() && reportedDown.compareAndSet(true, false)) {
            log.info("cache: Redis answers again{}", refresh.invalidate() ? "; invalidated every entry of " + namespace + "* before trusting it" : "");
        }
    }

    /**
     * An eviction failed (or was made while Redis was not trusted): its outcome is unknown, so
     * Redis is not trusted until everything was invalidated after it.
     */
    void failed(String operation, RuntimeException e) {
        failures.incrementAndGet();
        down(operation, e);
    }

    /**
     * A read, put or liveness refresh failed: a timeout on a live connection (e.g. under load) loses
     * nothing (a put compares the generation whenever it runs), so reads are only paused until the
     * next liveness refresh succeeds and the shared entries stay: under load a timed-out read must
     * not wipe every instance's cache. Anything else is treated as a lost connection.
     */
    void readOrConnectionFailed(String operation, RuntimeException e) {
        if (e instanceof RedisCommandTimeoutException) {
            readFailures.incrementAndGet();
            down(operation, e);
        } else {
            failed(operation, e);
        }
    }

    private void down(String operation, RuntimeException e) {
        retrySoon.run();
        if (e != null) {
            metrics.redisError(operation);
        }
        if (reportedDown.compareAndSet(false, true)) {
            log.warn("cache: Redis {} failed ({}); serving from the database and remembering evictions until Redis"
                    + " answers again", operation, e == null ? "not trusted" : e.toString());
        }
    }
}

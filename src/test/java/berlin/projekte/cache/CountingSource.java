package berlin.projekte.cache;

import berlin.projekte.web.Language;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double for the <em>data source</em> (the cache and Redis under test are real): counts
 * computations per key and language, renders the current "database version" into the body, can
 * block a computation on latches, and reports a configurable {@code changesAt}.
 */
public final class CountingSource implements ListSource {

    /** The data's version; a test "commits a change" by incrementing it. */
    public final AtomicInteger version = new AtomicInteger(1);
    volatile Instant changesAt;
    /** When set, a computation counts down {@code started} and waits for {@code release}. */
    public volatile CountDownLatch started;
    public volatile CountDownLatch release;
    /** When set, a computation throws it (after the latches). */
    volatile Throwable failure;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public Set<ListKey> keys() {
        return EnumSet.allOf(ListKey.class);
    }

    @Override
    public ComputedList compute(ListKey key, Language language) {
        int v = version.get();
        counts.computeIfAbsent(key.logicalName() + ":" + language.code(), k -> new AtomicInteger()).incrementAndGet();
        CountDownLatch start = started;
        CountDownLatch go = release;
        if (start != null) {
            start.countDown();
        }
        try {
            if (go != null && !go.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new ComputedList(body(key, language, v), changesAt);
    }

    public static byte[] body(ListKey key, Language language, int version) {
        return ("[{\"key\":\"" + key.logicalName() + "\",\"lang\":\"" + language.code() + "\",\"version\":" + version + "}]")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static String text(CachedList list) {
        return new String(list.body(), StandardCharsets.UTF_8);
    }

    public int count(ListKey key, Language language) {
        AtomicInteger count = counts.get(key.logicalName() + ":" + language.code());
        return count == null ? 0 : count.get();
    }
}

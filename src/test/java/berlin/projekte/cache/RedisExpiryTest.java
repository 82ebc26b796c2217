package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.cache.redis.RedisStore;
import berlin.projekte.testsupport.RedisKeys;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * An entry past its expiry by the application clock (its timeout or its next status change) while
 * Redis still holds it: it is dropped once, and counted as one timeout eviction, however many
 * reads on however many instances see it; a newer entry is never dropped in its place.
 */
class RedisExpiryTest {

    private final String prefix = RedisKeys.uniquePrefix("expiry");
    private final LettuceConnectionFactory redis = RedisFixtures.sharedFactory();
    private final MutableClock clock = new MutableClock(ZoneOffset.UTC);
    private final CountingSource source = new CountingSource();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        RedisKeys.deleteAll(prefix);
        redis.destroy();
    }

    private RedisStore store(CacheMetrics metrics) {
        RedisStore store = new RedisStore(redis, prefix, Duration.ofSeconds(5), RedisFixtures.LEASE, metrics);
        RedisFixtures.awaitTrusted(store);
        closing.add(store);
        return store;
    }

    @Test
    void anExpiredFrameIsDroppedOnceAndANewerOneIsKept() {
        RedisStore store = store(RedisFixtures.metrics("redis"));
        ListStore.Entry old = entry("[1]", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(store.put(ListKey.PLANS, Language.DE, old, store.get(ListKey.PLANS, Language.DE).token(), Duration.ofMinutes(5))).isTrue();

        assertThat(store.expired(ListKey.PLANS, Language.DE, old)).isTrue();
        assertThat(RedisKeys.keys(prefix)).doesNotContain(prefix + ":{v2}:plans:de");
        assertThat(store.expired(ListKey.PLANS, Language.DE, old)).as("already dropped").isFalse();

        ListStore.Entry newer = entry("[2]", Instant.parse("2026-01-01T01:00:00Z"));
        assertThat(store.put(ListKey.PLANS, Language.DE, newer, store.get(ListKey.PLANS, Language.DE).token(), Duration.ofMinutes(5))).isTrue();
        assertThat(store.expired(ListKey.PLANS, Language.DE, old)).as("a reader still holding the old entry").isFalse();
        assertThat(store.get(ListKey.PLANS, Language.DE).entry().body()).isEqualTo(newer.body());
    }

    @Test
    void twoInstancesReadingAnExpiredEntryCountOneTimeout() {
        CacheMetrics metricsA = RedisFixtures.metrics("redis");
        CacheMetrics metricsB = RedisFixtures.metrics("redis");
        ListCache a = cache(metricsA);
        ListCache b = cache(metricsB);
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(a.get(ListKey.PLANS, Language.DE).hit()).isFalse();
        assertThat(b.get(ListKey.PLANS, Language.DE).hit()).isTrue();

        clock.advance(Duration.ofHours(2)); // past the 1 h timeout; Redis's own TTL is wall-clock time
        assertThat(b.get(ListKey.PLANS, Language.DE).hit()).isFalse();
        assertThat(a.get(ListKey.PLANS, Language.DE).hit()).as("b stored the recomputed entry").isTrue();
        assertThat(timeouts(metricsA) + timeouts(metricsB)).isEqualTo(1);
    }

    private ListCache cache(CacheMetrics metrics) {
        ListCache cache = new ListCache(List.of(source), store(metrics), metrics, clock, Duration.ofHours(1), false);
        closing.add(cache::stop);
        return cache;
    }

    private static double timeouts(CacheMetrics metrics) {
        return metrics.registry().get("projekte.cache.evictions").tag("key", "plans").tag("reason", "timeout").counter().count();
    }

    private static ListStore.Entry entry(String json, Instant expiresAt) {
        byte[] body = json.getBytes();
        return new ListStore.Entry(body, ListCache.gzip(body), ListCache.etag(body), expiresAt);
    }
}

package berlin.projekte.cache.redis;

import berlin.projekte.cache.CountingSource;
import berlin.projekte.cache.CacheMetrics;
import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.EvictionReason;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListStore;
import berlin.projekte.testsupport.RedisKeys;
import static berlin.projekte.cache.CountingSource.text;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.web.Language;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The Redis store on the real Redis: key layout, frames, two instances sharing it, metrics, refresh-ahead. */
class RedisStoreTest {

    private final String prefix = RedisKeys.uniquePrefix("store");
    private final LettuceConnectionFactory redis = RedisFixtures.sharedFactory();
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

    private ListCache instance(CacheMetrics metrics, boolean refreshAhead) {
        RedisStore store = new RedisStore(redis, prefix, Duration.ofSeconds(5), RedisFixtures.LEASE, metrics);
        RedisFixtures.awaitTrusted(store);
        ListCache cache = new ListCache(List.of(source), store, metrics, Clock.systemUTC(), Duration.ofHours(1), refreshAhead);
        closing.add(store);
        closing.add(cache::stop);
        return cache;
    }

    @Test
    void physicalKeysCarryPrefixSchemaVersionNameAndLanguage() {
        assertThat(RedisKeyspace.physicalKey("projekte", ListKey.PROJECTS_ACTIVE, Language.DE))
                .isEqualTo("projekte:{v2}:projects_activeParticipation:de");
        ListCache cache = instance(RedisFixtures.metrics("redis"), false);
        for (ListKey key : ListKey.values()) {
            for (Language language : Language.values()) {
                cache.get(key, language);
            }
        }
        // the liveness key, the near copies' lease registry and its origin (NearLeases)
        List<String> expected = new ArrayList<>(List.of(prefix + ":{v2}:alive", prefix + ":{v2}:leases", prefix + ":{v2}:leases-since"));
        for (ListKey key : ListKey.values()) {
            expected.add(prefix + ":{v2}:" + key.logicalName() + ":de");
            expected.add(prefix + ":{v2}:" + key.logicalName() + ":en");
            expected.add(prefix + ":{v2}:" + key.logicalName() + ":gen"); // the first liveness refresh set them
        }
        // nothing else: only ListKeys, only their languages
        assertThat(RedisKeys.keys(prefix)).containsExactlyInAnyOrderElementsOf(expected);
        cache.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE);
        assertThat(RedisKeys.keys(prefix)).contains(prefix + ":{v2}:plans:gen")
                .doesNotContain(prefix + ":{v2}:plans:de", prefix + ":{v2}:plans:en");
    }

    @Test
    void framesRoundTrip() {
        byte[] body = "[1,2,3]".getBytes();
        ListStore.Entry entry = new ListStore.Entry(body, ListCache.gzip(body), ListCache.etag(body), Instant.ofEpochMilli(1_700_000_000_123L));
        ListStore.Entry back = RedisFrame.decode(RedisFrame.encode(entry));
        assertThat(back.body()).isEqualTo(body);
        assertThat(back.gzip()).isEqualTo(entry.gzip());
        assertThat(back.etag()).isEqualTo(entry.etag());
        assertThat(back.expiresAt()).isEqualTo(entry.expiresAt());
        ListStore.Entry perUser = RedisFrame.decode(RedisFrame.encode(new ListStore.Entry(body, null, "\"e\"", Instant.EPOCH)));
        assertThat(perUser.gzip()).isNull();
        ListStore.Entry emptyGzip = RedisFrame.decode(RedisFrame.encode(new ListStore.Entry(body, new byte[0], "\"e\"", Instant.EPOCH)));
        assertThat(emptyGzip.gzip()).isEmpty();
        assertThat(RedisFrame.decode("not a frame".getBytes())).isNull();
        byte[] nextVersion = RedisFrame.encode(entry);
        nextVersion[1]++;
        assertThat(RedisFrame.decode(nextVersion)).as("a frame of another version").isNull();
    }

    @Test
    void aValueThatIsNotOurFrameIsAMissThatTheNextPutReplaces() {
        ListCache cache = instance(RedisFixtures.metrics("redis"), false);
        try (RedisConnection connection = redis.getConnection()) {
            connection.stringCommands().set(RedisKeyspace.physicalKey(prefix, ListKey.PLANS, Language.DE).getBytes(), "{\"old\":1}".getBytes());
        }
        CachedList first = cache.get(ListKey.PLANS, Language.DE);
        assertThat(first.hit()).isFalse();
        assertThat(first.generation()).as("Redis vouched for the generation").isNotNull();
        assertThat(cache.get(ListKey.PLANS, Language.DE).hit()).as("replaced by the put").isTrue();
    }

    @Test
    void aReadKeepsANearCopyOfWhatAnotherInstanceStored() {
        ListCache a = instance(RedisFixtures.metrics("redis"), false);
        RedisStore b = new RedisStore(redis, prefix, Duration.ofSeconds(5), RedisFixtures.LEASE, RedisFixtures.metrics("redis"));
        closing.add(b);
        RedisFixtures.awaitTrusted(b);
        a.get(ListKey.PLANS, Language.DE);
        assertThat(b.nearBytes()).isZero();
        assertThat(b.get(ListKey.PLANS, Language.DE).entry()).isNotNull();
        byte[] body = CountingSource.body(ListKey.PLANS, Language.DE, 1);
        assertThat(b.nearBytes()).isEqualTo(body.length + ListCache.gzip(body).length);
    }

    @Test
    void anEvictionOnOneInstanceMakesTheOtherMiss() {
        ListCache a = instance(RedisFixtures.metrics("redis"), false);
        ListCache b = instance(RedisFixtures.metrics("redis"), false);
        assertThat(a.get(ListKey.PROJECTS, Language.EN).hit()).isFalse();
        assertThat(b.get(ListKey.PROJECTS, Language.EN).hit()).isTrue();
        assertThat(b.get(ListKey.PROJECTS, Language.EN).hit()).isTrue(); // conditional read: still validated
        source.version.set(2);
        a.evict(Set.of(ListKey.PROJECTS), EvictionReason.CHANGE);
        CachedList onB = b.get(ListKey.PROJECTS, Language.EN);
        assertThat(onB.hit()).isFalse();
        assertThat(text(onB)).contains("\"version\":2");
        assertThat(text(a.get(ListKey.PROJECTS, Language.EN))).contains("\"version\":2");
        assertThat(a.get(ListKey.PROJECTS, Language.EN).hit()).isTrue();
    }

    @Test
    void aComputationOnOneInstanceDoesNotStoreAfterAnEvictionOnAnother() throws Exception {
        ListCache a = instance(RedisFixtures.metrics("redis"), false);
        ListCache b = instance(RedisFixtures.metrics("redis"), false);
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CachedList> slow = pool.submit(() -> a.get(ListKey.PRIVATE_PROJECTS, Language.DE));
            assertThat(source.started.await(5, TimeUnit.SECONDS)).isTrue();
            source.version.set(2);
            b.evict(Set.of(ListKey.PRIVATE_PROJECTS), EvictionReason.CHANGE);
            source.release.countDown();
            assertThat(text(slow.get(5, TimeUnit.SECONDS))).contains("\"version\":1");
        } finally {
            pool.shutdownNow();
        }
        source.started = null;
        source.release = null;
        assertThat(RedisKeys.keys(prefix)).doesNotContain(prefix + ":{v2}:privateprojects:de");
        assertThat(text(b.get(ListKey.PRIVATE_PROJECTS, Language.DE))).contains("\"version\":2");
    }

    @Test
    void metricsCountHitsMissesEvictionsAndComputations() {
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        ListCache cache = instance(metrics, false);
        cache.get(ListKey.PLANS, Language.DE);
        cache.get(ListKey.PLANS, Language.DE);
        cache.get(ListKey.PLANS, Language.DE);
        cache.evict(Set.of(ListKey.PLANS), EvictionReason.TRANSITION);
        cache.clear();
        var registry = metrics.registry();
        assertThat(registry.get("projekte.cache.gets").tag("key", "plans").tag("result", "hit").counter().count()).isEqualTo(2);
        assertThat(registry.get("projekte.cache.gets").tag("key", "plans").tag("result", "miss").counter().count()).isEqualTo(1);
        assertThat(registry.get("projekte.cache.evictions").tag("key", "plans").tag("reason", "transition").counter().count()).isEqualTo(1);
        assertThat(registry.get("projekte.cache.evictions").tag("key", "plans").tag("reason", "clear").counter().count()).isEqualTo(1);
        assertThat(registry.get("projekte.cache.evictions").tag("key", "extprojects").tag("reason", "clear").counter().count()).isEqualTo(1);
        assertThat(registry.get("projekte.cache.computation").tag("key", "plans").timer().count()).isEqualTo(1);
        assertThat(registry.get("projekte.cache.redis.trusted").gauge().value()).isEqualTo(1);
        cache.get(ListKey.PLANS, Language.EN);
        cache.get(ListKey.PRIVATE_PROJECTS, Language.DE);
        byte[] plans = CountingSource.body(ListKey.PLANS, Language.EN, 1);
        long nearBytes = plans.length + ListCache.gzip(plans).length + CountingSource.body(ListKey.PRIVATE_PROJECTS, Language.DE, 1).length;
        assertThat(registry.get("projekte.cache.near.bytes").gauge().value()).as("body and gzip, none for per-user").isEqualTo(nearBytes);
    }

    @Test
    void refreshAheadRecomputesEvictedEntriesInTheRequestedLanguagesOnly() throws Exception {
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        ListCache a = instance(metrics, true);
        a.get(ListKey.PLANS, Language.EN);
        a.get(ListKey.EXT_PROJECTS, Language.DE);
        source.version.set(2);
        a.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE);
        assertThat(a.awaitRefreshes(Duration.ofSeconds(5))).isTrue();
        assertThat(source.count(ListKey.PLANS, Language.EN)).isEqualTo(2);
        assertThat(source.count(ListKey.PLANS, Language.DE)).isZero();
        assertThat(source.count(ListKey.EXT_PROJECTS, Language.DE)).isEqualTo(1);
        assertThat(metrics.registry().get("projekte.cache.refreshes").tag("key", "plans").counter().count()).isEqualTo(1);
        CachedList refreshed = a.get(ListKey.PLANS, Language.EN);
        assertThat(refreshed.hit()).isTrue();
        assertThat(text(refreshed)).contains("\"version\":2");
        // another instance that never served it refreshes what was stored, and it is a hit on the first instance
        ListCache b = instance(RedisFixtures.metrics("redis"), true);
        assertThat(a.get(ListKey.PLANS, Language.EN).hit()).as("B's start invalidated everything (LostEvictionTest)").isFalse();
        source.version.set(3);
        b.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE);
        assertThat(b.awaitRefreshes(Duration.ofSeconds(5))).isTrue();
        CachedList onA = a.get(ListKey.PLANS, Language.EN);
        assertThat(onA.hit()).isTrue();
        assertThat(text(onA)).contains("\"version\":3");
    }
}

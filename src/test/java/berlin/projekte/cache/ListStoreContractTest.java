package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.cache.redis.RedisStore;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.web.Language;
import com.github.benmanes.caffeine.cache.Cache;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The store contract of {@link ListStore} itself, on each real store: what put, evict and expired answer. */
class ListStoreContractTest {

    private final String prefix = RedisKeys.uniquePrefix("contract");
    private LettuceConnectionFactory redis;
    private ListStore store;

    @AfterEach
    void close() {
        store.close();
        if (redis != null) {
            RedisKeys.deleteAll(prefix);
            redis.destroy();
        }
    }

    private ListStore store(String kind) {
        CacheMetrics metrics = RedisFixtures.metrics(kind);
        if (kind.equals("redis")) {
            redis = RedisFixtures.sharedFactory();
            RedisStore r = new RedisStore(redis, prefix, Duration.ofMinutes(5), RedisFixtures.LEASE, metrics);
            RedisFixtures.awaitTrusted(r);
            store = r;
        } else {
            store = new MemoryStore(Clock.systemUTC(), metrics);
        }
        return store;
    }

    private static ListStore.Entry entry(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new ListStore.Entry(bytes, ListCache.gzip(bytes), "\"" + body + "\"", Instant.now().plus(Duration.ofHours(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aPutStoresOnlyWithTheCurrentTokenAndSaysSo(String kind) {
        ListStore store = store(kind);
        Object token = store.get(ListKey.PLANS, Language.DE).token();
        store.evict(Set.of(ListKey.PLANS));
        assertThat(store.put(ListKey.PLANS, Language.DE, entry("old"), token, Duration.ofMinutes(1))).isFalse();
        assertThat(store.get(ListKey.PLANS, Language.DE).entry()).isNull();
        Object current = store.get(ListKey.PLANS, Language.DE).token();
        assertThat(store.put(ListKey.PLANS, Language.DE, entry("new"), current, Duration.ofMinutes(1))).isTrue();
        assertThat(store.get(ListKey.PLANS, Language.DE).entry().etag()).isEqualTo("\"new\"");
        assertThat(store.put(ListKey.PLANS, Language.EN, entry("x"), ListStore.NO_STORE, Duration.ofMinutes(1))).isFalse();
        assertThat(store.get(ListKey.PLANS, Language.EN).entry()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anEvictionAnswersWhichEntriesWereThere(String kind) {
        ListStore store = store(kind);
        store.put(ListKey.PLANS, Language.EN, entry("p"), store.get(ListKey.PLANS, Language.EN).token(), Duration.ofMinutes(1));
        store.put(ListKey.EXT_PROJECTS, Language.DE, entry("e"), store.get(ListKey.EXT_PROJECTS, Language.DE).token(), Duration.ofMinutes(1));
        Map<ListKey, Set<Language>> present = store.evict(Set.of(ListKey.PLANS, ListKey.EXT_PROJECTS, ListKey.PROJECTS));
        assertThat(present).isEqualTo(Map.of(ListKey.PLANS, Set.of(Language.EN), ListKey.EXT_PROJECTS, Set.of(Language.DE)));
        assertThat(store.evict(Set.of(ListKey.PLANS))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anExpiredEntryIsDroppedOnceAndANewerOneIsKept(String kind) {
        ListStore store = store(kind);
        ListStore.Entry old = entry("old");
        store.put(ListKey.PLANS, Language.DE, old, store.get(ListKey.PLANS, Language.DE).token(), Duration.ofMinutes(1));
        ListStore.Entry read = store.get(ListKey.PLANS, Language.DE).entry();
        assertThat(store.expired(ListKey.PLANS, Language.DE, read)).isTrue();
        assertThat(store.expired(ListKey.PLANS, Language.DE, read)).isFalse();
        store.put(ListKey.PLANS, Language.DE, entry("newer"), store.get(ListKey.PLANS, Language.DE).token(), Duration.ofMinutes(1));
        assertThat(store.expired(ListKey.PLANS, Language.DE, read)).isFalse();
        assertThat(store.get(ListKey.PLANS, Language.DE).entry().etag()).isEqualTo("\"newer\"");
    }

    @Test
    void theMemoryStoresOwnExpiryDropsAnEntryAndCountsItAsATimeout() {
        MutableClock clock = new MutableClock(ZoneId.of("Europe/Berlin"));
        clock.set(Instant.now());
        CacheMetrics metrics = RedisFixtures.metrics("memory");
        MemoryStore memory = new MemoryStore(clock, metrics);
        store = memory;
        ListStore.Entry soon = new ListStore.Entry(new byte[] {'1'}, null, "\"1\"", clock.instant().plusMillis(1));
        assertThat(memory.put(ListKey.PLANS, Language.DE, soon, memory.get(ListKey.PLANS, Language.DE).token(), Duration.ofMillis(1))).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (timeouts(metrics) == 0) { // Caffeine expires by its own ticker, and counts on its next maintenance
            assertThat(System.nanoTime()).as("expired within 20 s").isLessThan(deadline);
            assertThat(memory.get(ListKey.PLANS, Language.DE).entry()).isIn(soon, null);
            Thread.onSpinWait();
        }
        assertThat(memory.get(ListKey.PLANS, Language.DE).entry()).isNull();
        assertThat(timeouts(metrics)).isEqualTo(1);
    }

    private static double timeouts(CacheMetrics metrics) {
        return metrics.registry().get("projekte.cache.evictions").tag("key", "plans").tag("reason", "timeout").counter().count();
    }

    @Test
    void theMemoryStoreHoldsEveryKeyInEveryLanguage() throws Exception {
        MemoryStore memory = new MemoryStore(Clock.systemUTC(), RedisFixtures.metrics("memory"));
        store = memory;
        for (ListKey key : ListKey.values()) {
            for (Language language : Language.values()) {
                memory.put(key, language, entry(key.logicalName()), memory.get(key, language).token(), Duration.ofMinutes(1));
            }
        }
        Field caffeine = MemoryStore.class.getDeclaredField("cache");
        caffeine.setAccessible(true);
        ((Cache<?, ?>) caffeine.get(memory)).cleanUp(); // Caffeine's pending maintenance, its size limit included, now
        assertThat(memory.entries()).hasSize(ListKey.values().length)
                .allSatisfy((key, languages) -> assertThat(languages).containsExactlyInAnyOrder(Language.values()));
    }
}

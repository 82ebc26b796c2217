package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisKeys;
import static berlin.projekte.cache.CountingSource.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redis failures, with real Redis servers: an unreachable port, a Redis cut off by a proxy (it keeps
 * its data and never sees the evictions made meanwhile), a frozen Redis (SIGSTOP). Reads never fail,
 * and after Redis returns nothing older than an eviction made during the outage is served — on the
 * instance that evicted and on another instance sharing the Redis.
 */
class RedisOutageTest {

    private static final ListKey KEY = ListKey.PLANS;
    private final CountingSource source = new CountingSource();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String prefix = RedisKeys.uniquePrefix("outage");

    /** One "instance": its own connection and store over a shared Redis. */
    private record Instance(ListCache cache, RedisStore store, CacheMetrics metrics) {
        CachedList get() {
            return cache.get(KEY, Language.DE);
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private LettuceConnectionFactory factory(int port) {
        LettuceConnectionFactory factory = RedisFixtures.factory(port);
        closing.add(factory::destroy);
        return factory;
    }

    private Instance instance(int port, Duration aliveTtl) {
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        RedisStore store = new RedisStore(factory(port), prefix, aliveTtl, metrics);
        ListCache cache = new ListCache(List.of(source), store, metrics, Clock.systemUTC(), Duration.ofHours(1), false);
        closing.add(store);
        closing.add(cache::stop);
        store.alive();
        return new Instance(cache, store, metrics);
    }

    private static boolean stored(LettuceConnectionFactory direct, String prefix) {
        try (RedisConnection connection = direct.getConnection()) {
            return Boolean.TRUE.equals(connection.keyCommands()
                    .exists(RedisStore.physicalKey(prefix, KEY, Language.DE).getBytes()));
        }
    }

    private static void neverStale(Duration during, Instance... instances) {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            for (Instance instance : instances) {
                assertThat(text(instance.get())).as("served after the outage").contains("\"version\":2");
            }
            RedisProcess.sleep(10);
        }
    }

    private static void eventually(Duration max, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + max + ": " + what);
            }
            RedisProcess.sleep(20);
        }
    }

    @Test
    void anUnreachableRedisIsAMissQuicklyAndNeverAnError() {
        Instance instance = instance(TestServices.freePort(), Duration.ofSeconds(2));
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            CachedList list = instance.get();
            assertThat(list.hit()).isFalse();
            assertThat(text(list)).contains("\"version\":1");
        }
        instance.cache().evict(Set.of(KEY), EvictionReason.CHANGE);
        instance.cache().clear();
        assertThat(instance.cache().entries()).isEmpty();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).as("20 reads and 2 evictions against a closed port").isLessThan(1000);
        assertThat(instance.store().trusted()).isFalse();
        assertThat(source.count(KEY, Language.DE)).isEqualTo(20);
        assertThat(instance.metrics().registry().find("projekte.cache.redis.errors").counters())
                .anySatisfy(c -> assertThat(c.count()).isPositive());
        assertThat(instance.metrics().registry().get("projekte.cache.redis.trusted").gauge().value()).isZero();
    }

    @Test
    void anEvictionMadeWhileRedisWasCutOffTakesEffectBeforeRedisIsTrustedAgain() {
        int redis = TestServices.redisPort();
        LettuceConnectionFactory direct = factory(redis);
        TcpProxy proxy = new TcpProxy(redis);
        closing.add(proxy);
        // a long liveness TTL: only the evicting instance's own memory of the failure protects it here
        Instance a = instance(proxy.port, Duration.ofSeconds(60));
        assertThat(a.get().hit()).isFalse();
        assertThat(a.get().hit()).isTrue();

        proxy.down();
        source.version.set(2);
        long start = System.nanoTime();
        a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // cannot reach Redis
        CachedList during = a.get();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        assertThat(during.hit()).isFalse();
        assertThat(text(during)).contains("\"version\":2");
        assertThat(stored(direct, prefix)).as("Redis kept the stale entry").isTrue();

        proxy.up();
        neverStale(Duration.ofMillis(1500), a);
        eventually(Duration.ofSeconds(5), "trusted again", () -> a.store().trusted());
        eventually(Duration.ofSeconds(5), "a hit again", () -> a.get().hit());
        assertThat(text(a.get())).contains("\"version\":2");
    }

    @Test
    void otherInstancesDoNotServeWhatAnInstanceThatDiedDuringTheOutageEvicted() {
        int redis = TestServices.redisPort();
        LettuceConnectionFactory direct = factory(redis);
        TcpProxy proxy = new TcpProxy(redis);
        closing.add(proxy);
        Duration aliveTtl = Duration.ofMillis(800);
        Instance a = instance(proxy.port, aliveTtl);
        Instance b = instance(proxy.port, aliveTtl);
        a.get();
        assertThat(b.get().hit()).isTrue();

        proxy.down();
        source.version.set(2);
        a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // fails; then instance A dies, its memory with it
        a.store().close();
        a.cache().stop();
        RedisProcess.sleep(aliveTtl.toMillis() + 400);
        assertThat(stored(direct, prefix)).as("Redis kept the stale entry").isTrue();

        proxy.up();
        neverStale(Duration.ofMillis(1500), b);
        eventually(Duration.ofSeconds(5), "b hits again", () -> b.get().hit());
        assertThat(text(b.get())).contains("\"version\":2");
    }

    @Test
    void anIdleInstanceDoesNotServeAnEntryKeptAcrossALongOutage() {
        // B makes no request during the outage; its liveness refresh sees the failure, and the
        // liveness key expired in Redis meanwhile: either way nothing kept from before is served.
        int redis = TestServices.redisPort();
        TcpProxy proxy = new TcpProxy(redis);
        closing.add(proxy);
        Instance a = instance(proxy.port, Duration.ofMillis(800));
        Instance b = instance(redis, Duration.ofMillis(800)); // B reaches Redis directly: never sees an error
        a.get();
        assertThat(b.get().hit()).isTrue();

        proxy.down();
        source.version.set(2);
        a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // only A is cut off
        proxy.up();
        // A's own recovery invalidates everything before A trusts Redis; B follows within A's retry
        neverStale(Duration.ofMillis(300), a);
        eventually(Duration.ofSeconds(3), "b sees the eviction", () -> text(b.get()).contains("\"version\":2"));
        neverStale(Duration.ofMillis(500), a, b);
    }

    @Test
    void aFrozenRedisIsAMissAndItsEntriesAreNotServedWhenItWakesUp() {
        try (RedisProcess redis = new RedisProcess()) {
            Duration aliveTtl = Duration.ofMillis(800);
            Instance a = instance(redis.port, aliveTtl);
            Instance b = instance(redis.port, aliveTtl);
            a.get();
            assertThat(b.get().hit()).isTrue();

            redis.freeze();
            source.version.set(2);
            long start = System.nanoTime();
            a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // times out (250 ms)
            for (int i = 0; i < 10; i++) {
                assertThat(text(a.get())).contains("\"version\":2");
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("eviction and 10 reads").isLessThan(1500);
            RedisProcess.sleep(aliveTtl.toMillis() + 400);
            redis.thaw();

            neverStale(Duration.ofMillis(1500), a, b);
            eventually(Duration.ofSeconds(5), "hits again", () -> a.get().hit() && b.get().hit());
        }
    }
}

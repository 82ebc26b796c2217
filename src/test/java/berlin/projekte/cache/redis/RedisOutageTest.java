package berlin.projekte.cache.redis;

import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.cache.CountingSource;
import berlin.projekte.cache.CacheMetrics;
import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.EvictionReason;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.testsupport.RedisKeys;
import static berlin.projekte.cache.CountingSource.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        RedisKeys.deleteAll(prefix);
    }

    private LettuceConnectionFactory factory(int port) {
        LettuceConnectionFactory factory = RedisFixtures.factory(port, RedisFixtures.OUTAGE_TIMEOUT);
        closing.add(factory::destroy);
        return factory;
    }

    private Instance instance(int port, Duration aliveTtl) {
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        RedisStore store = new RedisStore(factory(port), prefix, aliveTtl, RedisFixtures.LEASE, metrics);
        ListCache cache = new ListCache(List.of(source), store, metrics, Clock.systemUTC(), Duration.ofHours(1), false);
        closing.add(store);
        closing.add(cache::stop);
        store.alive();
        return new Instance(cache, store, metrics);
    }

    private static boolean stored(LettuceConnectionFactory direct, String prefix) {
        try (RedisConnection connection = direct.getConnection()) {
            return Boolean.TRUE.equals(connection.keyCommands()
                    .exists(RedisKeyspace.physicalKey(prefix, KEY, Language.DE).getBytes()));
        }
    }

    /** Every read of every instance is the new version, until all of them hit again (within {@code max}). */
    private static void newVersionUntilHit(Duration max, Instance... instances) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            boolean allHit = true;
            for (Instance instance : instances) {
                CachedList list = instance.get();
                assertThat(text(list)).as("served after the outage").contains("\"version\":2");
                allHit &= list.hit();
            }
            if (allHit) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("no hit again within " + max);
            }
            RedisProcess.sleep(20);
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

    /** Version 1 is stored: each instance hits (a loaded machine may need a retry or two). */
    private static void cached(Instance... instances) {
        for (Instance instance : instances) {
            eventually(Duration.ofSeconds(20), "version 1 stored", () -> instance.get().hit());
        }
    }

    private static double errors(Instance instance, String operation) {
        return instance.metrics().registry().get("projekte.cache.redis.errors").tag("operation", operation).counter().count();
    }

    /** The liveness key, as Redis holds it, found by name (its exact layout is the store's business). */
    private String aliveKey() {
        return RedisKeys.keys(prefix).stream().filter(k -> k.endsWith("alive")).findFirst().orElse(null);
    }

    @Test
    void anUnreachableRedisIsAMissAndNeverAnError() {
        Instance instance = instance(TestServices.closedPort(), Duration.ofSeconds(2));
        for (int i = 0; i < 20; i++) {
            CachedList list = instance.get();
            assertThat(list.hit()).isFalse();
            assertThat(text(list)).contains("\"version\":1");
        }
        instance.cache().evict(Set.of(KEY), EvictionReason.CHANGE);
        instance.cache().clear();
        assertThat(instance.cache().entries()).isEmpty();
        // quick: after the first failure, reads do not wait for Redis at all
        assertThat(errors(instance, "get")).as("reads that tried Redis").isLessThanOrEqualTo(1);
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
        TcpLink proxy = new TcpLink(redis);
        closing.add(proxy);
        // a long liveness TTL: only the evicting instance's own memory of the failure protects it here
        Instance a = instance(proxy.port(), Duration.ofSeconds(60));
        assertThat(a.get().hit()).isFalse();
        cached(a);

        proxy.cut();
        source.version.set(2);
        a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // cannot reach Redis
        CachedList during = a.get();
        assertThat(during.hit()).isFalse();
        assertThat(text(during)).contains("\"version\":2");
        assertThat(errors(a, "get")).as("reads after the failed eviction do not try Redis").isZero();
        assertThat(stored(direct, prefix)).as("Redis kept the stale entry").isTrue();

        proxy.restore();
        newVersionUntilHit(Duration.ofSeconds(30), a);
        assertThat(a.store().trusted()).isTrue();
    }

    @Test
    void anInstanceCutOffWithTheOneThatDiedDoesNotServeWhatThatOneEvicted() {
        int redis = TestServices.redisPort();
        LettuceConnectionFactory direct = factory(redis);
        TcpLink proxy = new TcpLink(redis);
        closing.add(proxy);
        Duration aliveTtl = Duration.ofMillis(800);
        Instance a = instance(proxy.port(), aliveTtl);
        Instance b = instance(proxy.port(), aliveTtl);
        a.get();
        cached(b);

        proxy.cut();
        source.version.set(2);
        a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // fails; then instance A dies, its memory with it
        a.store().close();
        a.cache().stop();
        eventually(Duration.ofSeconds(20), "b noticed the outage itself", () -> !b.store().trusted());
        assertThat(stored(direct, prefix)).as("Redis kept the stale entry").isTrue();

        proxy.restore();
        newVersionUntilHit(Duration.ofSeconds(30), b);
    }

    @Test
    void anInstanceThatNeverSawTheOutageDoesNotServeWhatAnInstanceThatDiedDuringItEvicted() {
        // A is cut off and dies with an eviction Redis never got; nobody refreshes the liveness key, so it
        // expires. B reaches Redis directly and never sees an error: only the missing key tells it.
        int redis = TestServices.redisPort();
        LettuceConnectionFactory direct = factory(redis);
        TcpLink proxy = new TcpLink(redis);
        closing.add(proxy);
        Duration aliveTtl = Duration.ofMillis(800);
        Instance a = instance(proxy.port(), aliveTtl);
        a.get();
        cached(a);

        proxy.cut();
        source.version.set(2);
        a.cache().evict(Set.of(KEY), EvictionReason.CHANGE);
        a.store().close();
        a.cache().stop();
        eventually(Duration.ofSeconds(20), "the liveness key expired", () -> aliveKey() == null);
        assertThat(stored(direct, prefix)).as("Redis kept the stale entry").isTrue();

        Instance b = instance(redis, aliveTtl);
        newVersionUntilHit(Duration.ofSeconds(30), b);
        assertThat(b.store().trusted()).isTrue();
        assertThat(b.metrics().registry().find("projekte.cache.redis.errors").counters())
                .as("B never saw an error").allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void entriesOfARedisThatLostItsLivenessKeyAreNotServed() throws Exception {
        // As after a restart from an older snapshot, or a flush: Redis holds an entry older than a change
        // (its eviction went to the Redis that was lost), and no liveness key. Under a lease the instances
        // read no key until a liveness refresh (every quarter lease) finds it missing: that refresh
        // invalidates everything and returns once the other instance has learnt it (NearLeases).
        int redis = TestServices.redisPort();
        Instance a = instance(redis, Duration.ofSeconds(60));
        Instance b = instance(redis, Duration.ofSeconds(60));
        a.get();
        cached(b);
        RedisFixtures.stopHeartbeat(a.store());
        RedisFixtures.stopHeartbeat(b.store());

        source.version.set(2);
        String alive = aliveKey();
        assertThat(alive).isNotNull();
        try (RedisConnection connection = factory(redis).getConnection()) {
            connection.keyCommands().del(alive.getBytes());
        }
        a.store().alive();
        newVersionUntilHit(Duration.ofSeconds(30), a, b);
        assertThat(aliveKey()).isNotNull();
    }

    @Test
    void anInstanceBehindACutLinkIsFollowedByOneWithADirectLinkOnceItRecovers() {
        // A is cut off; B reaches Redis directly and sees no error. A's recovery invalidates everything before
        // A trusts Redis again, and from then on B does not serve the older entry either.
        int redis = TestServices.redisPort();
        TcpLink proxy = new TcpLink(redis);
        closing.add(proxy);
        Instance a = instance(proxy.port(), Duration.ofSeconds(60));
        Instance b = instance(redis, Duration.ofSeconds(60));
        a.get();
        cached(b);

        proxy.cut();
        source.version.set(2);
        a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // only A is cut off
        proxy.restore();
        newVersionUntilHit(Duration.ofSeconds(30), a);
        newVersionUntilHit(Duration.ofSeconds(30), a, b);
    }

    @Test
    void aFrozenRedisIsAMissAndItsEntriesAreNotServedWhenItWakesUp() {
        try (RedisProcess redis = new RedisProcess()) {
            Duration aliveTtl = Duration.ofMillis(800);
            Instance a = instance(redis.port, aliveTtl);
            Instance b = instance(redis.port, aliveTtl);
            a.get();
            cached(b);

            redis.freeze();
            source.version.set(2);
            a.cache().evict(Set.of(KEY), EvictionReason.CHANGE); // times out (250 ms)
            for (int i = 0; i < 10; i++) {
                assertThat(text(a.get())).contains("\"version\":2");
            }
            assertThat(errors(a, "get")).as("reads after the timed-out eviction do not wait for Redis").isZero();
            eventually(Duration.ofSeconds(20), "b noticed the frozen Redis", () -> !b.store().trusted());
            redis.thaw();

            newVersionUntilHit(Duration.ofSeconds(30), a, b);
        }
    }
}

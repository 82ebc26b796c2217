package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.cache.redis.RedisStore;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.web.Language;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Prepared entries against each real store (in-process Caffeine, and the real Redis), with the
 * application clock moved by hand: the list as of an entry's end is computed ahead and served from
 * that instant on as a hit; a change in between deletes it; a preparation that began before a change
 * stores nothing; boundaries milliseconds apart; a phase moved after its list was prepared; Redis
 * gone at the instant. The data source is a double (a timeline of boundaries); the stores are real.
 */
class PreparedEntriesTest {

    private static final ListKey KEY = ListKey.PROJECTS_ACTIVE;
    private static final Duration LEAD = Duration.ofSeconds(5);
    /** A phase boundary. */
    private static final Instant T = Instant.parse("2026-03-29T00:30:00Z");

    private final MutableClock clock = new MutableClock(ZoneId.of("Europe/Berlin"));
    private final BoundarySource source = new BoundarySource(clock);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String prefix = RedisKeys.uniquePrefix("prepared");
    private LettuceConnectionFactory redis;

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        RedisKeys.deleteAll(prefix);
        if (redis != null) {
            redis.destroy();
        }
    }

    /**
     * The "database": a body of its version and of how many boundaries have passed at the instant
     * asked for; the list changes at the next boundary.
     */
    static final class BoundarySource implements ListSource {
        final AtomicInteger version = new AtomicInteger(1);
        final AtomicInteger computed = new AtomicInteger();
        final AtomicInteger computedAhead = new AtomicInteger();
        volatile List<Instant> boundaries = List.of(T);
        /** When set, a computation ahead counts down {@code started} and waits for {@code release}. */
        volatile CountDownLatch started;
        volatile CountDownLatch release;
        private final MutableClock clock;

        BoundarySource(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public Set<ListKey> keys() {
            return Set.of(ListKey.values());
        }

        @Override
        public ComputedList compute(ListKey key, Language language) {
            computed.incrementAndGet();
            return asOf(clock.instant());
        }

        @Override
        public ComputedList computeAsOf(ListKey key, Language language, Instant asOf) {
            int v = version.get();
            computedAhead.incrementAndGet();
            CountDownLatch start = started;
            CountDownLatch go = release;
            if (start != null) {
                start.countDown();
                try {
                    assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return asOf(asOf, v);
        }

        private ComputedList asOf(Instant instant) {
            return asOf(instant, version.get());
        }

        private ComputedList asOf(Instant instant, int v) {
            List<Instant> all = boundaries;
            long passed = all.stream().filter(b -> !b.isAfter(instant)).count();
            Instant next = all.stream().filter(b -> b.isAfter(instant)).min(Instant::compareTo).orElse(null);
            return new ComputedList(("{\"version\":" + v + ",\"phase\":" + passed + "}").getBytes(StandardCharsets.UTF_8), next);
        }
    }

    /** One instance: a cache (with the given lead) on its own store of this kind; Redis stores share one prefix. */
    private record Instance(ListCache cache, ListStore store, CacheMetrics metrics) {
        CachedList read() {
            return cache.get(KEY, Language.DE);
        }

        void prepare() throws InterruptedException {
            cache.prepareDue();
            assertThat(cache.awaitRefreshes(Duration.ofSeconds(10))).isTrue();
        }

        double counted(String meter) {
            return metrics.registry().find(meter).tag("key", KEY.logicalName()).counter().count();
        }
    }

    private Instance instance(String kind, Duration lead) {
        CacheMetrics metrics = RedisFixtures.metrics(kind);
        ListStore store = switch (kind) {
            case "memory" -> new MemoryStore(clock, metrics);
            case "redis" -> {
                if (redis == null) {
                    redis = RedisFixtures.sharedFactory();
                }
                RedisStore r = new RedisStore(redis, prefix, Duration.ofMinutes(5), RedisFixtures.LEASE, metrics);
                RedisFixtures.awaitTrusted(r);
                yield r;
            }
            default -> throw new IllegalArgumentException(kind);
        };
        ListCache cache = new ListCache(List.of(source), store, metrics, clock, Duration.ofHours(1), false, lead);
        closing.add(store);
        closing.add(cache::stop);
        return new Instance(cache, store, metrics);
    }

    /** An instance that read the list a minute before the instant, and prepared it two seconds before. */
    private Instance readAndPrepared(String kind) throws InterruptedException {
        Instance a = instance(kind, LEAD);
        clock.set(T.minusSeconds(60));
        a.read();
        clock.set(T.minusSeconds(2));
        a.prepare();
        return a;
    }

    private static String text(CachedList list) {
        return new String(list.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theListAsOfTheInstantIsPreparedAheadAndServedFromTheInstantOnAsAHit(String kind) throws Exception {
        Instance a = instance(kind, LEAD);
        clock.set(T.minusSeconds(60));
        assertThat(text(a.read())).isEqualTo("{\"version\":1,\"phase\":0}");

        clock.set(T.minusSeconds(2));
        a.prepare();
        assertThat(source.computedAhead).hasValue(1);
        clock.set(T.minusMillis(1));
        CachedList before = a.read();
        assertThat(text(before)).as("until the instant, the current list").isEqualTo("{\"version\":1,\"phase\":0}");
        assertThat(before.prepared()).isFalse();

        clock.set(T);
        CachedList at = a.read();
        assertThat(text(at)).isEqualTo("{\"version\":1,\"phase\":1}");
        assertThat(at.hit()).isTrue();
        assertThat(at.prepared()).isTrue();
        assertThat(at.etag()).isEqualTo(ListCache.etag(at.body()));
        assertThat(source.computed).as("computed once, as of now; once ahead").hasValue(1);
        assertThat(a.counted("projekte.cache.prepared.served")).isEqualTo(1);
        assertThat(a.counted("projekte.cache.preparations")).isEqualTo(1);
        assertThat(a.counted("projekte.cache.boundary.misses")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void withoutPreparationTheFirstReadAfterTheInstantIsABoundaryMiss(String kind) {
        Instance a = instance(kind, Duration.ZERO);
        clock.set(T.minusSeconds(60));
        a.read();
        a.cache.prepareDue();

        clock.set(T);
        CachedList at = a.read();
        assertThat(text(at)).isEqualTo("{\"version\":1,\"phase\":1}");
        assertThat(at.hit()).isFalse();
        assertThat(a.counted("projekte.cache.boundary.misses")).isEqualTo(1);
        assertThat(source.computedAhead).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aChangeBetweenPreparationAndTheInstantDeletesThePreparedListAndItIsPreparedAgain(String kind) throws Exception {
        Instance a = readAndPrepared(kind);

        source.version.incrementAndGet(); // a change commits, then evicts
        a.cache.evict(Set.of(KEY), EvictionReason.CHANGE);
        assertThat(a.store.getShared(KEY, Language.DE).entry()).as("the entry and its prepared list are gone").isNull();

        clock.set(T.minusSeconds(2));
        a.prepare();
        clock.set(T);
        CachedList at = a.read();
        assertThat(text(at)).isEqualTo("{\"version\":2,\"phase\":1}");
        assertThat(at.hit()).as("prepared again after the change").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aPreparationThatBeganBeforeAChangeStoresNothing(String kind) throws Exception {
        Instance a = instance(kind, LEAD);
        clock.set(T.minusSeconds(60));
        a.read();
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1);
        clock.set(T.minusSeconds(2));
        a.cache.prepareDue();
        assertThat(source.started.await(10, TimeUnit.SECONDS)).as("the preparation computes version 1").isTrue();

        source.version.incrementAndGet();
        a.cache.evict(Set.of(KEY), EvictionReason.CHANGE);
        source.started = null;
        source.release.countDown();
        assertThat(a.cache.awaitRefreshes(Duration.ofSeconds(10))).isTrue();

        clock.set(T);
        assertThat(text(a.read())).as("never the list from before the change").isEqualTo("{\"version\":2,\"phase\":1}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void twoBoundariesAFewMillisecondsApartAreBothPrepared(String kind) throws Exception {
        source.boundaries = List.of(T, T.plusMillis(5));
        Instance a = readAndPrepared(kind);
        assertThat(source.computedAhead).hasValue(2);

        clock.set(T.plusMillis(1));
        CachedList first = a.read();
        assertThat(text(first)).isEqualTo("{\"version\":1,\"phase\":1}");
        assertThat(first.hit()).isTrue();
        clock.set(T.plusMillis(5));
        CachedList second = a.read();
        assertThat(text(second)).isEqualTo("{\"version\":1,\"phase\":2}");
        assertThat(second.hit()).isTrue();
        assertThat(source.computed).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aPhaseMovedByAChangeAfterItsListWasPreparedIsRightAtBothInstants(String kind) throws Exception {
        Instance a = readAndPrepared(kind);

        source.boundaries = List.of(T.plusSeconds(60)); // the phase now starts a minute later
        source.version.incrementAndGet();
        a.cache.evict(Set.of(KEY), EvictionReason.CHANGE);

        clock.set(T);
        assertThat(text(a.read())).as("the old instant: nothing moves").isEqualTo("{\"version\":2,\"phase\":0}");
        clock.set(T.plusSeconds(58));
        a.prepare();
        clock.set(T.plusSeconds(60));
        CachedList moved = a.read();
        assertThat(text(moved)).isEqualTo("{\"version\":2,\"phase\":1}");
        assertThat(moved.hit()).isTrue();
    }

    @Test
    void anInstanceThatDidNotPrepareTheListFindsItInRedis() throws Exception {
        Instance a = instance("redis", LEAD);
        Instance b = instance("redis", LEAD);
        Instance c = instance("redis", LEAD);
        clock.set(T.minusSeconds(60));
        a.read();
        assertThat(b.read().hit()).isTrue();

        clock.set(T.minusSeconds(2));
        a.prepare();
        b.prepare(); // B read it too: it finds A's preparation instead of computing it again
        assertThat(source.computedAhead).hasValue(1);
        assertThat(b.counted("projekte.cache.preparations")).isZero();

        clock.set(T);
        for (Instance instance : List.of(a, b, c)) {
            CachedList at = instance.read();
            assertThat(text(at)).isEqualTo("{\"version\":1,\"phase\":1}");
            assertThat(at.hit()).isTrue();
        }
        assertThat(source.computed).hasValue(1);
    }

    @Test
    void withRedisGoneAtTheInstantReadsAreComputedAndRight() throws Exception {
        RedisProcess own = new RedisProcess();
        boolean gone = false;
        try {
            redis = RedisFixtures.factory(own.port, RedisFixtures.OUTAGE_TIMEOUT);
            Instance a = readAndPrepared("redis");
            assertThat(source.computedAhead).hasValue(1);

            own.close();
            gone = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (((RedisStore) a.store).reachable()) {
                assertThat(System.nanoTime()).as("the store notices Redis is gone").isLessThan(deadline);
                RedisProcess.sleep(10);
            }
            clock.set(T);
            CachedList at = a.read();
            assertThat(text(at)).isEqualTo("{\"version\":1,\"phase\":1}");
            assertThat(at.hit()).as("computed from the data: Redis is not trusted").isFalse();
        } finally {
            if (!gone) {
                own.close();
            }
        }
    }
}

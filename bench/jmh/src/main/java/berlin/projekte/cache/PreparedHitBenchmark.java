package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisStore;
import berlin.projekte.web.Language;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Issue 24's "choosing between the current and the prepared entry costs a comparison, not a round
 * trip": the same hit of a 600 KB list through {@link ListCache}, on one store ({@code memory}, or
 * {@code redis} with a near-copy lease), three ways:
 * <ul>
 *   <li>{@code plain}: the entry has no prepared link (as before issue 24);</li>
 *   <li>{@code linkAhead}: a prepared link follows, its instant not yet passed (the current list is served);</li>
 *   <li>{@code linkServed}: the instant has passed, the prepared link is served.</li>
 * </ul>
 * Each way has its own cache, store and fixed application clock, so nothing changes while it runs.
 * Compare the three within one run (ratios), not with other runs. Redis: 127.0.0.1:6379 or
 * {@code -Dredis.port}; own key prefixes, deleted after.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class PreparedHitBenchmark {

    private static final ListKey KEY = ListKey.PROJECTS_ACTIVE;
    /** The phase boundary the entries end at. */
    private static final Instant T = Instant.parse("2030-03-29T00:30:00Z");

    @Param({"memory", "redis"})
    public String store;

    private final byte[] body = HitLatencyBenchmark.body();
    private ListCache plain;
    private ListCache linkAhead;
    private ListCache linkServed;
    private LettuceConnectionFactory factory;
    private final List<String> prefixes = new ArrayList<>();
    private final List<ListStore> stores = new ArrayList<>();

    /** A clock a setup moves; fixed while a benchmark runs. */
    static final class SetClock extends Clock {
        volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The list ends at {@code T} (a phase boundary) when asked before it; {@code linked}: it can compute ahead. */
    private ListSource source(SetClock clock, boolean linked) {
        return new ListSource() {
            @Override
            public Set<ListKey> keys() {
                return Set.of(ListKey.values());
            }

            @Override
            public ComputedList compute(ListKey key, Language language) {
                return new ComputedList(body, clock.instant().isBefore(T) ? T : null);
            }

            @Override
            public ComputedList computeAsOf(ListKey key, Language language, Instant asOf) {
                return linked ? new ComputedList(body, null) : null;
            }
        };
    }

    /** A cache whose entry was read a minute before {@code T}, prepared 2 s before it if {@code linked}, its clock then at {@code at}. */
    private ListCache cache(boolean linked, Instant at) {
        SetClock clock = new SetClock(T.minusSeconds(60));
        CacheMetrics metrics = new CacheMetrics(new SimpleMeterRegistry(), store);
        ListStore s;
        if (store.equals("memory")) {
            s = new MemoryStore(clock, metrics);
        } else {
            String prefix = "projekte-jmh-prepared-" + UUID.randomUUID();
            prefixes.add(prefix);
            RedisStore redis = new RedisStore(factory, prefix, Duration.ofMinutes(5), Duration.ofSeconds(1), metrics);
            HitLatencyBenchmark.awaitTrusted(redis);
            s = redis;
        }
        stores.add(s);
        ListCache cache = new ListCache(List.of(source(clock, linked)), s, metrics, clock, Duration.ofHours(1), false, Duration.ofSeconds(5));
        cache.get(KEY, Language.DE);
        clock.now = T.minusSeconds(2);
        cache.prepare(KEY, Language.DE);
        clock.now = at;
        CachedList hit = cache.get(KEY, Language.DE);
        if (!hit.hit() || hit.prepared() != (linked && !at.isBefore(T))
                || s.get(KEY, Language.DE).entry().links() != (linked ? 2 : 1)) {
            throw new IllegalStateException("not the entry this benchmark is about: " + hit + " " + s.get(KEY, Language.DE));
        }
        return cache;
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (store.equals("redis")) {
            factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", Integer.getInteger("redis.port", 6379)));
            factory.afterPropertiesSet();
            factory.start();
        }
        plain = cache(false, T.minusSeconds(1));
        linkAhead = cache(true, T.minusSeconds(1));
        linkServed = cache(true, T.plusSeconds(1));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stores.forEach(ListStore::close);
        if (factory != null) {
            HitLatencyBenchmark.deleteKeys(factory, prefixes);
            factory.destroy();
        }
    }

    @Benchmark
    public CachedList plain() {
        return plain.get(KEY, Language.DE);
    }

    @Benchmark
    public CachedList linkAhead() {
        return linkAhead.get(KEY, Language.DE);
    }

    @Benchmark
    public CachedList linkServed() {
        return linkServed.get(KEY, Language.DE);
    }
}

package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisStore;
import berlin.projekte.web.Language;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Hit and miss times of a 600 KB list through {@link ListCache}: a memory-store hit, a Redis hit
 * (the conditional read of an entry this instance already holds), the full read of an entry by a
 * fresh instance, and a miss (compute, gzip, ETag, store). The Redis benchmarks need a Redis on
 * 127.0.0.1:6379 (or {@code -Dredis.port}); they use their own key prefix and delete it after.
 * Formerly the hand-run {@code HitLatencyMeasurement} test.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class HitLatencyBenchmark {

    private final byte[] body = body();
    private final ListSource source = new ListSource() {
        @Override
        public Set<ListKey> keys() {
            return Set.of(ListKey.values());
        }

        @Override
        public ComputedList compute(ListKey key, Language language) {
            return new ComputedList(body, null);
        }
    };

    private ListCache memory;
    private ListCache redis;
    private RedisStore withoutLease;
    private LettuceConnectionFactory factory;
    private String prefix;

    static byte[] body() {
        StringBuilder json = new StringBuilder("[");
        Random random = new Random(1);
        while (json.length() < 600_000) {
            json.append("{\"title\":\"project ").append(random.nextInt()).append("\",\"description\":\"")
                    .append(Long.toHexString(random.nextLong())).append(" lorem ipsum dolor sit amet\"},");
        }
        return json.append("{}]").toString().getBytes();
    }

    private static CacheMetrics metrics(String store) {
        return new CacheMetrics(new SimpleMeterRegistry(), store);
    }

    @Setup(Level.Trial)
    public void setUp() {
        CacheMetrics memoryMetrics = metrics("memory");
        memory = new ListCache(List.of(source), new MemoryStore(Clock.systemUTC(), memoryMetrics), memoryMetrics, Clock.systemUTC(),
                Duration.ofHours(1), false);
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", Integer.getInteger("redis.port", 6379)));
        factory.afterPropertiesSet();
        factory.start();
        prefix = "projekte-jmh-" + UUID.randomUUID();
        CacheMetrics redisMetrics = metrics("redis");
        RedisStore store = new RedisStore(factory, prefix, Duration.ofSeconds(5), Duration.ofSeconds(1), redisMetrics);
        awaitTrusted(store); // a start invalidates everything before Redis is trusted
        redis = new ListCache(List.of(source), store, redisMetrics, Clock.systemUTC(), Duration.ofHours(1), false);
        withoutLease = new RedisStore(factory, prefix, Duration.ofSeconds(5), Duration.ZERO, metrics("redis"));
        awaitTrusted(withoutLease);
        memory.get(ListKey.PLANS, Language.DE);
        redis.get(ListKey.PLANS, Language.DE);
        withoutLease.get(ListKey.PLANS, Language.DE);
    }

    /** Its liveness task invalidates everything, then trusts Redis (a few ms on a live Redis). */
    static void awaitTrusted(ListStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!store.reachable()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis not trusted within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        withoutLease.close();
        deleteKeys(factory, List.of(prefix));
        factory.destroy();
    }

    /** Deletes the benchmark's Redis keys under these prefixes. */
    static void deleteKeys(LettuceConnectionFactory factory, List<String> prefixes) {
        try (var connection = factory.getConnection()) {
            for (String prefix : prefixes) {
                var keys = connection.keyCommands().keys((prefix + ":*").getBytes());
                if (keys != null && !keys.isEmpty()) {
                    connection.keyCommands().del(keys.toArray(byte[][]::new));
                }
            }
        }
    }

    @Benchmark
    public CachedList memoryHit() {
        return memory.get(ListKey.PLANS, Language.DE);
    }

    @Benchmark
    public CachedList redisHit() {
        return redis.get(ListKey.PLANS, Language.DE);
    }

    /** A read without a lease: one round trip, answered "unchanged" (the near copy's frame is still there). */
    @Benchmark
    public Object redisRoundTrip() {
        return withoutLease.get(ListKey.PLANS, Language.DE);
    }

    @Benchmark
    public CachedList missComputeGzipEtagStore() {
        memory.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE);
        return memory.get(ListKey.PLANS, Language.DE);
    }
}

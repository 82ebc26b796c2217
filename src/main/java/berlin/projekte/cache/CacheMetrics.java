package berlin.projekte.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cache's meters on {@code /actuator/prometheus}, registered up front so that every key shows
 * from the start, all tagged with {@code store}. Each meter and what it counts: docs/operations.md, "Metrics".
 */
public final class CacheMetrics {

    /** What {@link berlin.projekte.cache.redis.RedisStore} reports failures of. */
    public static final List<String> REDIS_OPERATIONS = List.of("get", "put", "expired", "evict", "entries", "alive");

    private final MeterRegistry registry;
    private final String store;
    private final Map<ListKey, Counter> hits = new EnumMap<>(ListKey.class);
    private final Map<ListKey, Counter> misses = new EnumMap<>(ListKey.class);
    private final Map<ListKey, Counter> refreshes = new EnumMap<>(ListKey.class);
    private final Map<ListKey, Counter> preparations = new EnumMap<>(ListKey.class);
    private final Map<ListKey, Counter> preparedServed = new EnumMap<>(ListKey.class);
    private final Map<ListKey, Counter> boundaryMisses = new EnumMap<>(ListKey.class);
    private final Map<ListKey, Timer> computations = new EnumMap<>(ListKey.class);
    private final Map<ListKey, Map<EvictionReason, Counter>> evictions = new EnumMap<>(ListKey.class);

    public CacheMetrics(MeterRegistry registry, String store) {
        this.registry = registry;
        this.store = store;
        for (ListKey key : ListKey.values()) {
            String k = key.logicalName();
            hits.put(key, Counter.builder("projekte.cache.gets").tag("key", k).tag("result", "hit").tag("store", store)
                    .description("List reads served from the cache").register(registry));
            misses.put(key, Counter.builder("projekte.cache.gets").tag("key", k).tag("result", "miss").tag("store", store)
                    .description("List reads that computed the list").register(registry));
            refreshes.put(key, Counter.builder("projekte.cache.refreshes").tag("key", k).tag("store", store)
                    .description("Background recomputations after an eviction").register(registry));
            preparations.put(key, Counter.builder("projekte.cache.preparations").tag("key", k).tag("store", store)
                    .description("Lists computed ahead of the instant they become valid, and stored").register(registry));
            preparedServed.put(key, Counter.builder("projekte.cache.prepared.served").tag("key", k).tag("store", store)
                    .description("Hits served from an entry prepared ahead of its instant").register(registry));
            boundaryMisses.put(key, Counter.builder("projekte.cache.boundary.misses").tag("key", k).tag("store", store)
                    .description("Misses of a list whose entry had run out with nothing prepared after it").register(registry));
            computations.put(key, Timer.builder("projekte.cache.computation").tag("key", k).tag("store", store)
                    .description("Time to compute a list from the database").register(registry));
            Map<EvictionReason, Counter> byReason = new EnumMap<>(EvictionReason.class);
            for (EvictionReason reason : EvictionReason.values()) {
                byReason.put(reason, Counter.builder("projekte.cache.evictions").tag("key", k)
                        .tag("reason", reason.name().toLowerCase(Locale.ROOT)).tag("store", store)
                        .description("Entries evicted, by key and reason").register(registry));
            }
            evictions.put(key, byReason);
        }
        if (store.equals("redis")) {
            // at 0 from the start, so a dashboard or alert on Redis errors has a series before the first one
            REDIS_OPERATIONS.forEach(this::redisErrors);
        }
    }

    void hit(ListKey key) {
        hits.get(key).increment();
    }

    void miss(ListKey key) {
        misses.get(key).increment();
    }

    void refresh(ListKey key) {
        refreshes.get(key).increment();
    }

    void preparation(ListKey key) {
        preparations.get(key).increment();
    }

    void preparedServed(ListKey key) {
        preparedServed.get(key).increment();
    }

    void boundaryMiss(ListKey key) {
        boundaryMisses.get(key).increment();
    }

    Timer computation(ListKey key) {
        return computations.get(key);
    }

    void eviction(ListKey key, EvictionReason reason) {
        evictions.get(key).get(reason).increment();
    }

    public void redisError(String operation) {
        redisErrors(operation).increment();
    }

    private Counter redisErrors(String operation) {
        return Counter.builder("projekte.cache.redis.errors").tag("operation", operation).tag("store", store)
                .description("Redis commands that failed or timed out (each one a miss or a remembered eviction)")
                .register(registry);
    }

    /** The time an eviction waited for the other instances' acknowledgements, or for leases to run out ({@link berlin.projekte.cache.redis.NearLeases}). */
    public Timer leaseWait() {
        return Timer.builder("projekte.cache.eviction.lease.wait").tag("store", store)
                .description("Time an eviction waited for the other instances to drop their near copies, or for their leases to run out")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}

package berlin.projekte.cache;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The cache in {@code /actuator/health} as {@code "cache": {"status": "UP", "details": {"store":
 * "redis", "redis": "UP" | "DOWN"}}}: always UP, since every list is served from the database when
 * Redis is gone, so a load balancer never drops an instance for it. Redis counts as DOWN while the
 * store does not trust it (unreachable, or not yet re-validated after a failure). No I/O: the
 * store's own liveness task keeps that state current.
 */
@Component
class CacheHealthIndicator implements HealthIndicator {

    private final ListCache cache;

    CacheHealthIndicator(ListCache cache) {
        this.cache = cache;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("store", cache.storeName());
        if ("redis".equals(cache.storeName())) {
            health.withDetail("redis", cache.storeReachable() ? "UP" : "DOWN");
        }
        return health.build();
    }
}

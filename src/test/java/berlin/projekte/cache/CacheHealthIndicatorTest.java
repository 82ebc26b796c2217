package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.cache.redis.RedisStore;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The cache in {@code /actuator/health}: always UP, with Redis as a detail. */
class CacheHealthIndicatorTest {

    private static Health health(ListStore store, CacheMetrics metrics) {
        ListCache cache = new ListCache(List.of(new CountingSource()), store, metrics, Clock.systemUTC(), Duration.ofHours(1), false);
        try {
            return new CacheHealthIndicator(cache).health();
        } finally {
            cache.stop();
            store.close();
        }
    }

    private static Health redis(int port) {
        LettuceConnectionFactory factory = RedisFixtures.factory(port, RedisFixtures.OUTAGE_TIMEOUT);
        String prefix = RedisKeys.uniquePrefix("health");
        try {
            CacheMetrics metrics = RedisFixtures.metrics("redis");
            RedisStore store = new RedisStore(factory, prefix, Duration.ofMinutes(5), RedisFixtures.LEASE, metrics);
            RedisFixtures.alive(store);
            return health(store, metrics);
        } finally {
            factory.destroy();
            RedisKeys.deleteAll(prefix);
        }
    }

    @Test
    void theMemoryStoreIsUpWithoutARedisDetail() {
        CacheMetrics metrics = RedisFixtures.metrics("memory");
        Health health = health(new MemoryStore(Clock.systemUTC(), metrics), metrics);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).isEqualTo(Map.of("store", "memory"));
    }

    @Test
    void redisIsADetailAndTheCacheStaysUpWithoutIt() {
        Health up = redis(TestServices.redisPort());
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).isEqualTo(Map.of("store", "redis", "redis", "UP"));
        Health down = redis(TestServices.closedPort());
        assertThat(down.getStatus()).isEqualTo(Status.UP);
        assertThat(down.getDetails()).isEqualTo(Map.of("store", "redis", "redis", "DOWN"));
    }
}

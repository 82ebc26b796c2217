package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisTopology;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The eviction table of docs/cache.md over HTTP, on a real Redis master, replica and Sentinel ({@code spring.data.redis.sentinel.*}). */
@EnabledIf(value = RedisTopology.INSTALLED, disabledReason = RedisTopology.NOT_INSTALLED)
class SentinelEvictionTableTest extends EvictionTableHttpTest {

    @DynamicPropertySource
    static void sentinel(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.sentinel.master", () -> RedisTopology.MASTER_NAME);
        registry.add("spring.data.redis.sentinel.nodes", () -> RedisTopology.nodes(RedisTopology.sentinel().ports().subList(2, 3)));
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
    }
}

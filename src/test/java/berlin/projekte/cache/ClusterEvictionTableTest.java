package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisTopology;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The eviction table of docs/cache.md over HTTP, on a real three-master Redis Cluster ({@code spring.data.redis.cluster.nodes}). */
@EnabledIf(value = RedisTopology.INSTALLED, disabledReason = RedisTopology.NOT_INSTALLED)
class ClusterEvictionTableTest extends EvictionTableHttpTest {

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.cluster.nodes", () -> RedisTopology.nodes(RedisTopology.cluster().ports()));
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
    }
}

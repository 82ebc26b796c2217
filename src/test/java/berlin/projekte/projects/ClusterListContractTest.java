package berlin.projekte.projects;

import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.RedisTopology;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The list contract of docs/api.md with the lists cached in a real three-master Redis Cluster. */
@EnabledIf(value = RedisTopology.INSTALLED, disabledReason = RedisTopology.NOT_INSTALLED)
class ClusterListContractTest extends ListContractTest {

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, RedisKeys.uniquePrefix("cluster-contract"));
        registry.add("spring.data.redis.cluster.nodes", () -> RedisTopology.nodes(RedisTopology.cluster().ports()));
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
    }
}

package berlin.projekte.projects;

import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.RedisTopology;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The list contract of docs/api.md with the lists cached in Redis behind a real Sentinel. */
@EnabledIf(value = RedisTopology.INSTALLED, disabledReason = RedisTopology.NOT_INSTALLED)
class SentinelListContractTest extends ListContractTest {

    @DynamicPropertySource
    static void sentinel(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, RedisKeys.uniquePrefix("sentinel-contract"));
        registry.add("spring.data.redis.sentinel.master", () -> RedisTopology.MASTER_NAME);
        registry.add("spring.data.redis.sentinel.nodes", () -> RedisTopology.nodes(RedisTopology.sentinel().ports().subList(2, 3)));
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "3");
    }
}

package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded default's cache (memory) neither needs nor reports Redis: health is UP with no Redis reachable. */
class MemoryModeWiringTest extends PostgresTest {

    @DynamicPropertySource
    static void noRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", TestServices::closedPort);
    }

    @Autowired ListCache cache;

    @Test
    void memoryStoreAndHealthyWithoutRedis() {
        assertThat(cache.storeName()).isEqualTo("memory");
        cache.clear();
        cache.get(ListKey.PLANS, Language.DE);
        assertThat(cache.get(ListKey.PLANS, Language.DE).hit()).isTrue();
        Http.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").has("redis")).isFalse();
    }
}

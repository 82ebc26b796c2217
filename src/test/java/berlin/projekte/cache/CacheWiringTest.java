package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisKeys;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.web.Language;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.projects.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application wired with {@code projekte.cache.store=redis} as in production: the Redis store
 * is used, Redis shows in {@code /actuator/health} (a detail of {@code cache}), the meters in {@code /actuator/prometheus}.
 */
class CacheWiringTest extends PostgresTest {

    static final String PREFIX = RedisKeys.uniquePrefix("wiring");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, PREFIX);
    }

    @Autowired ListCache cache;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;

    @Autowired EvictionBus bus;

    /**
     * Until the bus has evicted what it may have missed and Redis is trusted (both invalidate every list
     * once after a start): else the second read below may miss because of the start, not of the store.
     */
    @BeforeEach
    void started() {
        InstanceStart.await(bus, cache);
    }

    @AfterAll
    static void cleanUp() {
        RedisKeys.deleteAll(PREFIX);
    }

    @Test
    void theRedisStoreServesTheListsAndIsObservable() {
        assertThat(cache.storeName()).isEqualTo("redis");
        cache.clear();
        assertThat(cache.get(ListKey.PLANS, Language.DE).hit()).isFalse();
        assertThat(cache.get(ListKey.PLANS, Language.DE).hit()).isTrue();
        assertThat(cache.entries()).containsKey(ListKey.PLANS);

        Http.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().at("/components/cache/status").asString()).isEqualTo("UP");
        assertThat(health.json().at("/components/cache/details/redis").asString()).isEqualTo("UP");

        String prometheus = http.get("/actuator/prometheus").text();
        assertThat(prometheus).contains("projekte_cache_gets_total{key=\"plans\",result=\"hit\",store=\"redis\"}")
                .contains("projekte_cache_evictions_total{key=\"plans\",reason=\"clear\",store=\"redis\"}")
                .contains("projekte_cache_computation_seconds_count{key=\"plans\",store=\"redis\"}")
                .contains("projekte_cache_redis_trusted");
    }

    @Test
    void aChangeEvictsAfterItsTransactionCommitsAndNotOnRollback() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        cache.get(ListKey.PLANS, Language.EN);
        cache.get(ListKey.EXT_PROJECTS, Language.EN);
        tx.executeWithoutResult(status -> {
            events.publishEvent(new ProjectChanged(Kind.PROJECT));
            assertThat(cache.get(ListKey.PLANS, Language.EN).hit()).as("not before the commit").isTrue();
        });
        assertThat(cache.get(ListKey.PLANS, Language.EN).hit()).as("after the commit").isFalse();
        assertThat(cache.get(ListKey.EXT_PROJECTS, Language.EN).hit()).as("not in the PROJECT row").isTrue();

        tx.executeWithoutResult(status -> {
            events.publishEvent(new ProjectChanged(Kind.EXTERNAL));
            status.setRollbackOnly();
        });
        assertThat(cache.get(ListKey.EXT_PROJECTS, Language.EN).hit()).as("rolled back: nothing evicted").isTrue();

        events.publishEvent(new ProjectChanged(Kind.EXTERNAL)); // outside a transaction: at once
        assertThat(cache.get(ListKey.EXT_PROJECTS, Language.EN).hit()).isFalse();
    }
}

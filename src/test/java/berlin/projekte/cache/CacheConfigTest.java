package berlin.projekte.cache;

import berlin.projekte.cache.redis.LettuceSettings;
import berlin.projekte.cache.redis.RedisFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.web.BrowserHeaders;
import berlin.projekte.web.Languages;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** The cache's wiring, called as Spring would call it but without a context (the context's own tests: {@code CacheWiringTest}). */
class CacheConfigTest {

    private final CacheConfig config = new CacheConfig();
    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

    private static CacheProperties properties(CacheProperties.Store store, String prefix) {
        return new CacheProperties(store, Duration.ofHours(1), prefix, false, Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    private String storeName(CacheProperties.Store store, String prefix) {
        CacheMetrics metrics = config.cacheMetrics(beans.getBeanProvider(MeterRegistry.class), properties(store, prefix));
        try (ListStore chosen = config.listStore(properties(store, prefix), Clock.systemUTC(), metrics,
                beans.getBeanProvider(RedisConnectionFactory.class))) {
            return chosen.name();
        }
    }

    @Test
    void theStoreIsChosenByTheProperty() {
        assertThat(storeName(CacheProperties.Store.MEMORY, "projekte")).isEqualTo("memory");
        assertThat(storeName(CacheProperties.Store.NONE, "projekte")).isEqualTo("none");
        LettuceConnectionFactory redis = RedisFixtures.sharedFactory();
        String prefix = RedisKeys.uniquePrefix("config");
        try {
            beans.registerSingleton("redis", redis);
            assertThat(storeName(CacheProperties.Store.REDIS, prefix)).isEqualTo("redis");
        } finally {
            redis.destroy();
            RedisKeys.deleteAll(prefix);
        }
    }

    @Test
    void theMetersAreTaggedWithTheStoreAndNeedNoRegistryBean() {
        CacheMetrics metrics = config.cacheMetrics(beans.getBeanProvider(MeterRegistry.class),
                properties(CacheProperties.Store.REDIS, "projekte"));
        assertThat(metrics.registry()).isInstanceOf(SimpleMeterRegistry.class);
        assertThat(metrics.registry().get("projekte.cache.redis.errors").tag("store", "redis").counters())
                .hasSize(CacheMetrics.REDIS_OPERATIONS.size());
        CacheMetrics memory = config.cacheMetrics(beans.getBeanProvider(MeterRegistry.class), properties(CacheProperties.Store.MEMORY, "projekte"));
        assertThat(memory.registry().find("projekte.cache.redis.errors").counters()).as("no Redis, no Redis errors").isEmpty();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        beans.registerSingleton("registry", registry);
        assertThat(config.cacheMetrics(beans.getBeanProvider(MeterRegistry.class),
                properties(CacheProperties.Store.MEMORY, "projekte")).registry()).isSameAs(registry);
    }

    @Test
    void theHitFilterComesFirstOnTheListPaths() {
        CacheMetrics metrics = RedisFixtures.metrics("none");
        ListCache cache = new ListCache(List.of(new CountingSource()), new NoStore(), metrics, Clock.systemUTC(), Duration.ofHours(1), false);
        try {
            BrowserHeaders headers = new BrowserHeaders(Map.of("Content-Security-Policy", "default-src 'none'"));
            FilterRegistrationBean<PublicListFilter> registration = config.publicListFilter(cache, new Languages(List.of("de")), headers,
                    null, BodyFiles.none());
            assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
            assertThat(registration.getUrlPatterns()).containsExactlyInAnyOrderElementsOf(PublicListFilter.PATHS.keySet());
            assertThat(registration.getFilter()).isNotNull();
        } finally {
            cache.stop();
        }
    }

    @Test
    void lettuceRejectsCommandsWhileDisconnectedAndReconnectsWithinASecond() {
        ClientOptions.Builder builder = ClientOptions.builder();
        DataRedisProperties properties = new DataRedisProperties();
        properties.setConnectTimeout(Duration.ofMillis(250));
        config.projekteLettuceClientOptions(properties).customize(builder);
        ClientOptions options = builder.build();
        assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        assertThat(options.getSocketOptions().getConnectTimeout()).as("Boot's setting kept").isEqualTo(Duration.ofMillis(250));
        // a server that vanishes without a reset is noticed by the kernel too (VanishedMasterTest)
        assertThat(options.getSocketOptions().isKeepAlive()).isTrue();
        assertThat(options.getSocketOptions().getKeepAlive().getIdle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.getSocketOptions().getTcpUserTimeout().isEnabled()).isTrue();
        assertThat(options.getSocketOptions().getTcpUserTimeout().getTcpUserTimeout()).isEqualTo(LettuceSettings.TCP_USER_TIMEOUT);
        ClientOptions byHand = LettuceSettings.clientOptions(Duration.ofMillis(250));
        assertThat(byHand.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        assertThat(byHand.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofMillis(250));

        ClientResources.Builder resources = ClientResources.builder();
        config.projekteLettuceReconnectDelay().customize(resources);
        ClientResources built = resources.build();
        try {
            assertThat(built.reconnectDelay().createDelay(100)).isEqualTo(Duration.ofSeconds(1));
            assertThat(built.reconnectDelay().createDelay(1)).isLessThan(Duration.ofMillis(100));
        } finally {
            built.shutdown();
        }
    }
}

package berlin.projekte.cache;

import berlin.projekte.cache.redis.LettuceSettings;
import berlin.projekte.cache.redis.RedisStore;
import berlin.projekte.web.BrowserHeaders;
import berlin.projekte.web.Languages;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Chooses the store by {@code projekte.cache.store}. Only the Redis store touches the
 * {@link RedisConnectionFactory} (which Boot creates lazily: in memory mode nothing connects to
 * Redis; Boot's Redis health indicator is off, {@link CacheHealthIndicator} reports Redis as a detail).
 */
@Configuration(proxyBeanMethods = false)
class CacheConfig {

    @Bean
    CacheMetrics cacheMetrics(ObjectProvider<MeterRegistry> registry, CacheProperties properties) {
        return new CacheMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), properties.store().name().toLowerCase());
    }

    @Bean(destroyMethod = "close")
    ListStore listStore(CacheProperties properties, Clock clock, CacheMetrics metrics, ObjectProvider<RedisConnectionFactory> redis) {
        return switch (properties.store()) {
            case MEMORY -> new MemoryStore(clock, metrics);
            case NONE -> new NoStore();
            case REDIS -> new RedisStore(redis.getObject(), properties.keyPrefix(), properties.aliveTtl(), properties.nearLease(), metrics);
        };
    }

    /**
     * The hit filter of the public lists, first of all filters: before the request observation
     * ({@code HIGHEST_PRECEDENCE + 1}) and Spring Security.
     */
    @Bean
    FilterRegistrationBean<PublicListFilter> publicListFilter(ListCache cache, Languages languages, BrowserHeaders browserHeaders,
                                                              BrotliBodies brotli, BodyFiles files) {
        FilterRegistrationBean<PublicListFilter> registration = new FilterRegistrationBean<>(
                new PublicListFilter(cache, languages, browserHeaders.values(), brotli, files));
        registration.setUrlPatterns(PublicListFilter.PATHS.keySet());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean(destroyMethod = "close")
    BrotliBodies brotliBodies(BrotliProperties properties) {
        return new BrotliBodies(properties.enabled(), properties.quality(), properties.maxBytes().toBytes());
    }

    /** Body files for sendfile; an eviction retires its lists' files. */
    @Bean(destroyMethod = "close")
    BodyFiles bodyFiles(BodyFilesProperties properties, ListCache cache, ObjectProvider<MeterRegistry> registry) {
        BodyFiles files = new BodyFiles(BodyFiles.directory(properties), properties.minBytes().toBytes(), properties.maxBytes().toBytes(),
                properties.grace(), registry.getIfAvailable(SimpleMeterRegistry::new));
        cache.onEviction(files::evicted);
        return files;
    }

    /**
     * Lettuce: fail at once while disconnected instead of queueing commands until they time out, so
     * a Redis outage costs requests nothing. (Connect and command timeouts come from
     * {@code spring.data.redis.connect-timeout} and {@code spring.data.redis.timeout}, 250 ms in production.)
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer projekteLettuceClientOptions(DataRedisProperties redis) {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(LettuceSettings.socketOptions(redis.getConnectTimeout() == null ? SocketOptions.DEFAULT_CONNECT_TIMEOUT_DURATION
                        : redis.getConnectTimeout()));
    }

    /**
     * Lettuce reconnects with exponential backoff up to 30 s by default; cap it at 1 s so the cache is
     * back within about a second after Redis is.
     */
    @Bean
    ClientResourcesBuilderCustomizer projekteLettuceReconnectDelay() {
        return builder -> builder.reconnectDelay(LettuceSettings.reconnectDelay());
    }

}

package berlin.projekte.cache;

import berlin.projekte.testsupport.TestServices;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Real Redis connections for the cache tests, configured as in production (250 ms timeouts). */
final class RedisFixtures {

    static final Duration TIMEOUT = Duration.ofMillis(250);

    private RedisFixtures() {
    }

    static LettuceConnectionFactory factory(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(TIMEOUT)
                .clientOptions(CacheConfig.clientOptions(TIMEOUT))
                .clientResources(ClientResources.builder().reconnectDelay(CacheConfig.reconnectDelay()).build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    static LettuceConnectionFactory sharedFactory() {
        return factory(TestServices.redisPort());
    }

    static CacheMetrics metrics(String store) {
        return new CacheMetrics(new SimpleMeterRegistry(), store);
    }
}

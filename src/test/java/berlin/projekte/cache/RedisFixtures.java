package berlin.projekte.cache;

import berlin.projekte.testsupport.TestServices;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;

/** Real Redis connections for the cache tests, configured as in production (250 ms timeouts). */
final class RedisFixtures {

    static final Duration TIMEOUT = Duration.ofMillis(250);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

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

    /** A prefix no other test (or run) uses. */
    static String uniquePrefix(String testName) {
        return "projekte-test-" + testName + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    static Set<String> keys(LettuceConnectionFactory factory, String prefix) {
        Set<String> keys = new TreeSet<>();
        try (RedisConnection connection = factory.getConnection();
             var cursor = connection.keyCommands().scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            cursor.forEachRemaining(k -> keys.add(new String(k)));
        }
        return keys;
    }

    static void deleteAll(LettuceConnectionFactory factory, String prefix) {
        try (RedisConnection connection = factory.getConnection()) {
            for (String key : keys(factory, prefix)) {
                connection.keyCommands().del(key.getBytes());
            }
        }
    }

    static CacheMetrics metrics(String store) {
        return new CacheMetrics(new SimpleMeterRegistry(), store);
    }
}

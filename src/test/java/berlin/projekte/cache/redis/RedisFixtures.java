package berlin.projekte.cache.redis;

import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.cache.CacheMetrics;
import berlin.projekte.cache.ListKey;
import berlin.projekte.web.Language;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import berlin.projekte.testsupport.TestServices;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Real Redis connections for the cache tests, configured as in production (short command timeouts,
 * the same client options). Outage tests use {@link #OUTAGE_TIMEOUT}; the others a timeout long
 * enough that a loaded machine does not look like a Redis outage.
 */
public final class RedisFixtures {

    public static final Duration OUTAGE_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The near-copy lease of {@code projekte.cache.near-lease}'s default. */
    public static final Duration LEASE = Duration.ofSeconds(1);

    private RedisFixtures() {
    }

    public static LettuceConnectionFactory factory(int port, Duration timeout) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(timeout)
                .clientOptions(LettuceSettings.clientOptions(timeout))
                .clientResources(ClientResources.builder().reconnectDelay(LettuceSettings.reconnectDelay()).build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port), client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    public static LettuceConnectionFactory sharedFactory() {
        return factory(TestServices.redisPort(), TIMEOUT);
    }

    public static CacheMetrics metrics(String store) {
        return new CacheMetrics(new SimpleMeterRegistry(), store);
    }

    /**
     * Until the store's heartbeat has made its first liveness refresh, which invalidates everything
     * (a start: LostEvictionTest): a test that ran its own refresh meanwhile could see its token
     * outdated by the heartbeat's.
     */
    public static void awaitTrusted(RedisStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!store.trusted()) {
            assertThat(System.nanoTime()).as("the store trusts Redis").isLessThan(deadline);
            RedisProcess.sleep(5);
        }
    }

    /** Only the test calls {@link RedisStore#alive()} from now on; it has been called once, and Redis is trusted. */
    public static void stopHeartbeat(RedisStore store) throws Exception {
        Field heartbeatField = RedisStore.class.getDeclaredField("heartbeat");
        heartbeatField.setAccessible(true);
        RedisHeartbeat heartbeat = (RedisHeartbeat) heartbeatField.get(store);
        heartbeat.close();
        Field thread = RedisHeartbeat.class.getDeclaredField("thread");
        thread.setAccessible(true);
        assertThat(((ScheduledThreadPoolExecutor) thread.get(heartbeat)).awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        store.alive();
        assertThat(store.trusted()).isTrue();
    }

    /** One liveness refresh now, as the heartbeat makes it. */
    public static void alive(RedisStore store) {
        store.alive();
    }

    /** The bytes of the store's near copies. */
    public static long nearBytes(RedisStore store) {
        return store.nearBytes();
    }

    /** The Redis key of a list's entry in one language. */
    public static String physicalKey(String prefix, ListKey key, Language language) {
        return RedisKeyspace.physicalKey(prefix, key, language);
    }
}

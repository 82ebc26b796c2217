package berlin.projekte.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A direct look at the keys the application stores in the test Redis, independent of the
 * application's own Redis code: what is physically there under a test's key prefix.
 */
public final class RedisKeys {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static RedisCommands<String, String> redis;

    private static final String REGISTRY_ORIGIN = ":{v2}:leases-since";

    private RedisKeys() {
    }

    /**
     * A key prefix no other test class (or concurrent run) uses, whose near-copy lease registry is
     * older than any lease, as in a deployment that has run for longer than one: a new registry
     * makes evictions wait a whole lease, for leases a lost one may have granted ({@code NearLeases};
     * {@code NearLeasesTest} tests that wait). Its origin key outlives {@link #deleteAll} and expires
     * after 10 minutes.
     */
    public static String uniquePrefix(String testName) {
        String prefix = "projekte-test-" + testName + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        redis().set(prefix + REGISTRY_ORIGIN, "0", SetArgs.Builder.ex(600));
        return prefix;
    }

    /**
     * Runs the application under test with the Redis store under {@code prefix}, refresh-ahead off
     * (so a miss after an eviction is observable), and timeouts and liveness generous enough that a
     * loaded machine does not look like a Redis outage (outage tests set their own).
     */
    public static void useRedisStore(DynamicPropertyRegistry registry, String prefix) {
        registry.add("projekte.cache.store", () -> "redis");
        registry.add("projekte.cache.key-prefix", () -> prefix);
        registry.add("projekte.cache.refresh-ahead", () -> "false");
        registry.add("projekte.cache.alive-ttl", () -> "5m");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestServices::redisPort);
        registry.add("spring.data.redis.timeout", () -> "2s");
        registry.add("spring.data.redis.connect-timeout", () -> "2s");
    }

    /** {@code KEYS prefix*}: every physical key under the prefix (entries, generations, liveness). */
    public static Set<String> keys(String prefix) {
        return new TreeSet<>(redis().keys(prefix + "*"));
    }

    /** The stored list entries under the prefix as {@code logicalName:language}, e.g. {@code plans:de}. */
    public static Set<String> entries(String prefix) {
        Pattern entry = Pattern.compile(Pattern.quote(prefix) + ":\\{v\\d+\\}:([A-Za-z_]+):(de|en)");
        Set<String> entries = new TreeSet<>();
        for (String key : keys(prefix)) {
            Matcher m = entry.matcher(key);
            if (m.matches()) {
                entries.add(m.group(1) + ":" + m.group(2));
            }
        }
        return entries;
    }

    public static void deleteAll(String prefix) {
        Set<String> keys = keys(prefix);
        keys.remove(prefix + REGISTRY_ORIGIN);
        if (!keys.isEmpty()) {
            redis().del(keys.toArray(String[]::new));
        }
    }

    private static synchronized RedisCommands<String, String> redis() {
        if (redis == null) {
            redis = RedisClient.create("redis://127.0.0.1:" + TestServices.redisPort()).connect().sync();
        }
        return redis;
    }
}

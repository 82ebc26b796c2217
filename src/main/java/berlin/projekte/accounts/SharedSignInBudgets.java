package berlin.projekte.accounts;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in budgets in Redis, one bucket per key shared by every instance (Bucket4j's Lettuce
 * integration, compare-and-swap), on the Lettuce client Boot built from {@code spring.data.redis.*}
 * (URL, Sentinel or Cluster, timeouts, client options) with a connection of its own. Every call
 * answers empty when Redis cannot: {@link LoginThrottle} then goes by its per-instance buckets.
 * After a failed call Redis is left alone for {@link #PAUSE_AFTER_FAILURE}, so a Redis that
 * hangs costs at most one command timeout a second, not one per sign-in.
 */
final class SharedSignInBudgets implements AutoCloseable {

    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SharedSignInBudgets.class);

    private final Supplier<AbstractRedisClient> client;
    private final String keyPrefix;
    private final Duration timeout;
    private final AtomicBoolean down = new AtomicBoolean();
    private StatefulConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;
    /** {@link System#nanoTime} before which Redis is not asked again (monotonic: no wall clock). */
    private volatile long pausedUntil = System.nanoTime();

    /**
     * @param client    Boot's Lettuce client, asked for only at first use (it exists once the connection factory has started)
     * @param keyPrefix first part of every key, e.g. {@code projekte:sign-in:}
     * @param timeout   longest wait for an answer ({@code spring.data.redis.timeout})
     */
    SharedSignInBudgets(Supplier<AbstractRedisClient> client, String keyPrefix, Duration timeout) {
        this.client = client;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
    }

    /** How long a try under {@code key} must wait by the shared bucket; empty when Redis could not say. */
    OptionalLong nanosToWait(String key, BucketConfiguration budget) {
        ProxyManager<String> shared = buckets();
        if (shared == null) {
            return OptionalLong.empty();
        }
        try {
            long nanos = shared.getProxy(keyPrefix + key, () -> budget).estimateAbilityToConsume(1).getNanosToWaitForRefill();
            up();
            return OptionalLong.of(nanos);
        } catch (RuntimeException e) {
            failed(e);
            return OptionalLong.empty();
        }
    }

    /**
     * Takes one failure from the shared bucket under {@code key}; answers how long until that bucket
     * is full again (all instances' failures counted), or empty when Redis could not be asked.
     */
    OptionalLong consume(String key, BucketConfiguration budget) {
        ProxyManager<String> shared = buckets();
        if (shared == null) {
            return OptionalLong.empty();
        }
        try {
            VerboseResult<?> result = shared.getProxy(keyPrefix + key, () -> budget).asVerbose().tryConsumeAndReturnRemaining(1);
            up();
            return OptionalLong.of(result.getDiagnostics().calculateFullRefillingTime());
        } catch (RuntimeException e) {
            failed(e);
            return OptionalLong.empty();
        }
    }

    /** The buckets, connected at first use; null while paused after a failure. */
    private ProxyManager<String> buckets() {
        if (System.nanoTime() - pausedUntil < 0) {
            return null;
        }
        ProxyManager<String> connected = buckets;
        return connected != null ? connected : connect();
    }

    private synchronized ProxyManager<String> connect() {
        if (buckets != null) {
            return buckets;
        }
        try {
            RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
            Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
            if (client.get() instanceof RedisClusterClient cluster) {
                var clusterConnection = cluster.connect(codec);
                connection = clusterConnection;
                builder = Bucket4jLettuce.casBasedBuilder(clusterConnection);
            } else {
                var standalone = ((RedisClient) client.get()).connect(codec); // a URL, or Sentinel's master
                connection = standalone;
                builder = Bucket4jLettuce.casBasedBuilder(standalone);
            }
            // a key disappears a little after its bucket is full again: nothing to remember then
            buckets = builder.requestTimeout(timeout)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
        } catch (RuntimeException e) {
            failed(e);
        }
        return buckets;
    }

    private void up() {
        if (down.compareAndSet(true, false)) {
            log.info("Sign-in budgets are shared through Redis again.");
        }
    }

    private void failed(RuntimeException e) {
        pausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE.toNanos();
        if (down.compareAndSet(false, true)) {
            log.warn("Redis cannot be asked for the shared sign-in budgets ({}); each instance counts failed sign-ins on its own until it can.",
                    e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}

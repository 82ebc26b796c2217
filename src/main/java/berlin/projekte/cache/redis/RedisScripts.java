package berlin.projekte.cache.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store's Lua scripts (what they guarantee: docs/cache-coherence.md) and the one
 * long-lived Lettuce connection they run on. A read is one {@code EVALSHA} on that connection,
 * which Lettuce shares between threads and pipelines (shared by concurrent reads of a list:
 * {@link SharedRoundTrip}): no connection object, template or serializer per call. The script is sent in full only when Redis answers {@code NOSCRIPT} (first
 * use, or after a Redis restart), which also loads it for the next calls.
 *
 * <p>The connection uses the Spring Boot-configured Lettuce client (its timeouts, its
 * {@code REJECT_COMMANDS} while disconnected, its reconnect delay) and reconnects on its own.
 * Only the store's background task connects: a request never waits for a connection attempt.
 */
final class RedisScripts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

    record Script(byte[] source, String sha, ScriptOutputType type) {
    }

    /** {status, generation, frame}: status 0 = liveness key missing, 1 = frame (or '' for none), 2 = the caller's head matches. */
    static final Script READ = script("""
            local g = redis.call('GET', KEYS[2]) or '0'
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0, g, ''} end
            if ARGV[1] ~= '' and redis.call('GETRANGE', KEYS[3], 0, string.len(ARGV[1]) - 1) == ARGV[1] then
              return {2, g, ''}
            end
            return {1, g, redis.call('GET', KEYS[3]) or ''}
            """, ScriptOutputType.MULTI);

    static final Script PUT = script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
            return 1
            """, ScriptOutputType.INTEGER);

    static final Script DROP_EXPIRED = script("""
            if redis.call('GETRANGE', KEYS[1], 0, string.len(ARGV[1]) - 1) ~= ARGV[1] then return 0 end
            return redis.call('DEL', KEYS[1])
            """, ScriptOutputType.INTEGER);

    /**
     * Shared by the scripts that bump generations or renew leases ({@link NearLeases}); no lease is
     * timed by Redis's clock. A bump moves a generation on by at least 1, and to at least Redis's
     * clock in µs (not ms: a flush and a bump in the same millisecond gave the old number again), so generations keep their order even after Redis lost them (the clock only
     * orders, it never decides a wait). The lease registry is a hash: holder → {@code leaseMs:renewal}.
     * Its origin is {@code '0'} once it is older than any lease, else the id of the script that made
     * it again (Redis lost it).
     */
    private static final String LEASES = """
            local function bump(key)
              local t = redis.call('TIME')
              local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
              local g = tonumber(redis.call('GET', key) or '0')
              return string.format('%.0f', redis.call('INCRBY', key, string.format('%.0f', math.max(1, now - g))))
            end
            local function origin(key, id)
              redis.call('SET', key, id, 'NX')
              return redis.call('GET', key)
            end
            """;

    /**
     * KEYS: leases, origin, then per list its generation and entries; ARGV: stride, channel,
     * {@code evictionId|instance}, an origin id. Publishes {@code evictionId|instance|genKey=gen;…};
     * returns {deleted entry keys, {genKey=gen, …}, origin, {holder, leaseMs:renewal, …}}.
     */
    static final Script EVICT = script(LEASES + """
            local stride = tonumber(ARGV[1])
            local deleted, generations = {}, {}
            for i = 3, #KEYS, stride do
              generations[#generations + 1] = KEYS[i] .. '=' .. bump(KEYS[i])
              for j = i + 1, i + stride - 1 do
                if redis.call('DEL', KEYS[j]) == 1 then deleted[#deleted + 1] = KEYS[j] end
              end
            end
            redis.call('PUBLISH', ARGV[2], ARGV[3] .. '|' .. table.concat(generations, ';'))
            return {deleted, generations, origin(KEYS[2], ARGV[4]), redis.call('HGETALL', KEYS[1])}
            """, ScriptOutputType.MULTI);

    /**
     * KEYS: alive, leases, origin, then per list its generation and entries; ARGV: stride, alive ms,
     * invalidate (1/0), instance, this instance's {@code leaseMs:renewal} ('' for none: not renewed),
     * channel, {@code evictionId|instance}, an origin id, the origin to settle ('' for none). An
     * invalidation is published as an eviction. Returns {invalidated (1/0), {genKey=gen, …}, origin,
     * {holder, leaseMs:renewal, …}}.
     */
    static final Script ALIVE = script(LEASES + """
            local stride = tonumber(ARGV[1])
            local invalidate = ARGV[3] == '1' or redis.call('EXISTS', KEYS[1]) == 0
            local generations = {}
            for i = 4, #KEYS, stride do
              if invalidate then
                generations[#generations + 1] = KEYS[i] .. '=' .. bump(KEYS[i])
                for j = i + 1, i + stride - 1 do redis.call('DEL', KEYS[j]) end
              else
                generations[#generations + 1] = KEYS[i] .. '=' .. (redis.call('GET', KEYS[i]) or '0')
              end
            end
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
            if invalidate then
              redis.call('PUBLISH', ARGV[6], ARGV[7] .. '|' .. table.concat(generations, ';'))
            end
            if ARGV[9] ~= '' and redis.call('GET', KEYS[3]) == ARGV[9] then redis.call('SET', KEYS[3], '0') end
            local o = origin(KEYS[3], ARGV[8])
            if ARGV[5] ~= '' then redis.call('HSET', KEYS[2], ARGV[4], ARGV[5]) end
            return {invalidate and 1 or 0, generations, o, redis.call('HGETALL', KEYS[2])}
            """, ScriptOutputType.MULTI);

    /** KEYS: leases; ARGV: holder, leaseMs:renewal, …: drops each holder still at that renewal (its lease ran out unacknowledged). */
    static final Script DROP_SILENT = script("""
            local dropped = 0
            for i = 1, #ARGV, 2 do
              if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then dropped = dropped + redis.call('HDEL', KEYS[1], ARGV[i]) end
            end
            return dropped
            """, ScriptOutputType.INTEGER);

    private final AbstractRedisClient client;
    private final Duration timeout;
    private volatile StatefulConnection<byte[], byte[]> connection;
    private volatile RedisClusterCommands<byte[], byte[]> commands;
    private volatile RedisClusterAsyncCommands<byte[], byte[]> async;
    private final BiConsumer<byte[], byte[]> onMessage;
    private final byte[][] channels;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscription;
    private boolean closed;

    /**
     * {@code onLost} runs when this connection drops (Lettuce reconnects on its own); {@code onMessage}
     * gets each message (channel, payload) of {@code channels}, on a second connection, subscribed
     * again by Lettuce after it reconnects.
     */
    RedisScripts(RedisConnectionFactory factory, Runnable onLost, BiConsumer<byte[], byte[]> onMessage, byte[]... channels) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalArgumentException("the Redis store needs Lettuce, not " + factory.getClass().getName());
        }
        lettuce.start(); // no-op when Spring started it already
        this.client = lettuce.getRequiredNativeClient();
        this.timeout = Duration.ofMillis(lettuce.getTimeout());
        this.onMessage = onMessage;
        this.channels = channels;
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> dropped) {
                // Only a second line: a command in flight on a dropped connection fails to its caller (or is
                // sent again once Lettuce reconnected: every script is idempotent or generation-checked), and
                // the caller records the failure. On a Cluster, Lettuce reports the node connections, and its
                // topology refresher's short-lived ones, separately (docs/cache-coherence.md, "Trust").
                if (dropped == connection) {
                    onLost.run();
                }
            }
        });
    }

    /**
     * Connects unless connected; throws if the commands connection cannot be made. A subscription that
     * cannot be made is tried again at the next call: meanwhile {@link #listening} is false, so the
     * instance holds no lease and reads go to Redis (nothing is lost: a connection that never carried a
     * command). Called by the store's background task only.
     */
    synchronized void connect() {
        if (closed) {
            throw new IllegalStateException("the Redis store is closed");
        }
        if (commands == null) {
            connectCommands();
        }
        if (subscription == null) {
            try {
                subscribe();
            } catch (RuntimeException e) {
                log.debug("cache: could not subscribe to the eviction channels: {}", e.toString());
            }
        }
    }

    private void connectCommands() {
        if (client instanceof RedisClient standalone) {
            StatefulRedisConnection<byte[], byte[]> c = standalone.connect(ByteArrayCodec.INSTANCE);
            c.setTimeout(timeout);
            connection = c;
            async = c.async();
            commands = c.sync();
        } else if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> c = cluster.connect(ByteArrayCodec.INSTANCE);
            c.setTimeout(timeout);
            connection = c;
            async = c.async();
            commands = c.sync();
        } else {
            throw new IllegalStateException("unsupported Lettuce client " + client.getClass().getName());
        }
    }

    private void subscribe() {
        StatefulRedisPubSubConnection<byte[], byte[]> c = client instanceof RedisClusterClient cluster
                ? cluster.connectPubSub(ByteArrayCodec.INSTANCE)
                : ((RedisClient) client).connectPubSub(ByteArrayCodec.INSTANCE);
        c.setTimeout(timeout);
        c.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                onMessage.accept(channel, message);
            }
        });
        try {
            c.sync().subscribe(channels);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        subscription = c;
    }

    /** Whether the subscription answers a PING; one that went silent (a proxy lost it) is closed, for {@link #connect} to make again. */
    boolean listening() {
        StatefulRedisPubSubConnection<byte[], byte[]> c = subscription;
        if (c == null) {
            return false;
        }
        try {
            c.sync().ping();
            return true;
        } catch (RuntimeException e) {
            synchronized (this) {
                if (subscription == c) {
                    subscription = null;
                }
            }
            c.closeAsync();
            return false;
        }
    }

    /**
     * Drops the commands connection, for {@link #connect} to make a new one: after repeated timeouts
     * it may be a connection whose server vanished without a reset, which Lettuce would keep for ever
     * (a failover to another host). Not reported as lost: the caller decides what it means.
     */
    void replaceCommands() {
        StatefulConnection<byte[], byte[]> dropped;
        synchronized (this) {
            dropped = connection;
            connection = null;
            commands = null;
            async = null;
        }
        if (dropped != null) {
            dropped.closeAsync();
        }
    }

    /** Publishes without waiting; a message that is lost costs the receivers a wait, never exactness ({@link NearLeases}). */
    void publish(byte[] channel, byte[] message) {
        RedisClusterAsyncCommands<byte[], byte[]> redis = async;
        if (redis != null) {
            redis.publish(channel, message);
        }
    }

    /** Best effort, on close (evictions drop a holder whose lease ran out). */
    void hdel(byte[] key, byte[] field) {
        try {
            commands().hdel(key, field);
        } catch (RuntimeException e) {
            // not connected, or Redis is down
        }
    }

    @SuppressWarnings("unchecked")
    <T> T run(Script script, byte[][] keys, byte[]... args) {
        RedisClusterCommands<byte[], byte[]> redis = commands();
        try {
            return (T) redis.evalsha(script.sha(), script.type(), keys, args);
        } catch (RedisNoScriptException e) {
            return (T) redis.eval(script.source(), script.type(), keys, args);
        }
    }

    /** {@link #run} without waiting: the answer completes on Lettuce's I/O thread (or with its timeout). */
    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> runAsync(Script script, byte[][] keys, byte[]... args) {
        RedisClusterAsyncCommands<byte[], byte[]> redis = async;
        if (redis == null || commands == null) {
            return CompletableFuture.failedFuture(new RedisConnectionException("not connected to Redis yet"));
        }
        return redis.<T>evalsha(script.sha(), script.type(), keys, args).toCompletableFuture()
                .exceptionallyCompose(e -> failure(e) instanceof RedisNoScriptException
                        ? redis.<T>eval(script.source(), script.type(), keys, args).toCompletableFuture()
                        : CompletableFuture.failedFuture(e));
    }

    Duration timeout() {
        return timeout;
    }

    /** The Redis failure behind a failed {@link #runAsync}. */
    static RuntimeException failure(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new RedisException(cause);
    }

    boolean exists(byte[] key) {
        Long count = commands().exists(key);
        return count != null && count > 0;
    }

    private RedisClusterCommands<byte[], byte[]> commands() {
        RedisClusterCommands<byte[], byte[]> redis = commands;
        if (redis == null) {
            throw new RedisConnectionException("not connected to Redis yet");
        }
        return redis;
    }

    @Override
    public synchronized void close() {
        closed = true;
        StatefulConnection<byte[], byte[]> open = connection;
        StatefulRedisPubSubConnection<byte[], byte[]> subscribed = subscription;
        connection = null;
        commands = null;
        async = null;
        subscription = null;
        if (open != null) {
            open.close();
        }
        if (subscribed != null) {
            subscribed.close();
        }
    }

    private static Script script(String source, ScriptOutputType type) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        try {
            return new Script(bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)), type);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

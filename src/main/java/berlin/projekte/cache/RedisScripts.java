package berlin.projekte.cache;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store's Lua scripts (see {@link RedisStore} for what they guarantee) and the one
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

    static final Script EVICT = script("""
            local stride = tonumber(ARGV[1])
            local deleted = {}
            for i = 1, #KEYS, stride do
              redis.call('INCR', KEYS[i])
              for j = i + 1, i + stride - 1 do
                if redis.call('DEL', KEYS[j]) == 1 then deleted[#deleted + 1] = KEYS[j] end
              end
            end
            return deleted
            """, ScriptOutputType.MULTI);

    static final Script ALIVE = script("""
            local stride = tonumber(ARGV[1])
            local invalidate = ARGV[3] == '1' or redis.call('EXISTS', KEYS[1]) == 0
            if invalidate then
              for i = 2, #KEYS, stride do
                redis.call('INCR', KEYS[i])
                for j = i + 1, i + stride - 1 do redis.call('DEL', KEYS[j]) end
              end
            end
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
            if invalidate then return 1 end
            return 0
            """, ScriptOutputType.INTEGER);

    private final AbstractRedisClient client;
    private final Duration timeout;
    private volatile StatefulConnection<byte[], byte[]> connection;
    private volatile RedisClusterCommands<byte[], byte[]> commands;
    private volatile RedisClusterAsyncCommands<byte[], byte[]> async;

    /** {@code onLost} runs when this connection drops (Lettuce reconnects on its own). */
    RedisScripts(RedisConnectionFactory factory, Runnable onLost) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalArgumentException("the Redis store needs Lettuce, not " + factory.getClass().getName());
        }
        lettuce.start(); // no-op when Spring started it already
        this.client = lettuce.getRequiredNativeClient();
        this.timeout = Duration.ofMillis(lettuce.getTimeout());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> dropped) {
                if (dropped == connection) {
                    onLost.run();
                }
            }
        });
    }

    /** Connects unless connected; throws if Redis cannot be reached. Called by the store's background task only. */
    synchronized void connect() {
        if (commands != null) {
            return;
        }
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
        StatefulConnection<byte[], byte[]> open = connection;
        connection = null;
        commands = null;
        async = null;
        if (open != null) {
            open.close();
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

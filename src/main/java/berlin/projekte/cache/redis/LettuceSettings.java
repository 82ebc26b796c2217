package berlin.projekte.cache.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The Lettuce client settings the Redis store relies on, for Boot's factory and for factories built by hand (tests). */
public final class LettuceSettings {

    private LettuceSettings() {
    }

    /**
     * A server that vanished without a reset (host gone, a failover to another host) is noticed by
     * the kernel: keepalive probes on an idle connection, and a TCP user timeout for data sent but
     * never acknowledged (the latter needs Linux's native epoll transport; elsewhere Lettuce ignores
     * it). The store also replaces a connection whose liveness refreshes keep timing out ({@link RedisStore}).
     */
    public static SocketOptions socketOptions(Duration connectTimeout) {
        return SocketOptions.builder()
                .connectTimeout(connectTimeout)
                .keepAlive(SocketOptions.KeepAliveOptions.builder().enable()
                        .idle(Duration.ofSeconds(5)).interval(Duration.ofSeconds(1)).count(3).build())
                .tcpUserTimeout(SocketOptions.TcpUserTimeoutOptions.builder().enable().tcpUserTimeout(TCP_USER_TIMEOUT).build())
                .build();
    }

    /** Data unacknowledged for this long closes the connection (then Lettuce reconnects). */
    public static final Duration TCP_USER_TIMEOUT = Duration.ofSeconds(5);

    public static Delay reconnectDelay() {
        return Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS);
    }

    /** The client options the cache expects, for connection factories built by hand (tests). */
    public static ClientOptions clientOptions(Duration connectTimeout) {
        return ClientOptions.builder()
                .socketOptions(socketOptions(connectTimeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build();
    }
}

package berlin.projekte.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link to a real server (PostgreSQL, Redis) that a test can break the way networks and
 * servers break, without touching the server (which may be shared):
 * <ul>
 *   <li>{@link #cut()}: every open connection is closed and new ones are closed at once (a server
 *       that is gone);</li>
 *   <li>{@link #freeze()}: connections stay open but nothing passes in either direction, new ones
 *       are accepted and never answered (a server stopped with SIGSTOP, a dead network);</li>
 *   <li>{@link #loseServerSide()}: the server side of every open connection is closed, the client
 *       side stays open and silent until the client sends something (a proxy or NAT that lost its
 *       connections); new ones pass;</li>
 *   <li>{@link #vanish(int)}: every open connection swallows what is sent and never answers nor
 *       closes, and new ones go to another server (a host gone without a reset, a failover to
 *       another host);</li>
 *   <li>{@link #restore()}: new connections pass again.</li>
 * </ul>
 * The listening socket is bound once (port 0, loopback) and kept until {@link #close()}, so the port
 * can never be taken by someone else in between.
 */
public final class TcpLink implements AutoCloseable {

    private enum State { OPEN, CUT, FROZEN }

    private final ServerSocket server;
    private volatile int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** Each open connection's server side, by its client side. */
    private final Map<Socket, Socket> upstreams = new ConcurrentHashMap<>();
    /** Client sides whose server side is gone: closed only when the client sends. */
    private final Set<Socket> orphans = ConcurrentHashMap.newKeySet();
    /** Sockets of connections whose server vanished: what they read is dropped. */
    private final Set<Socket> vanished = ConcurrentHashMap.newKeySet();
    private volatile State state = State.OPEN;

    public TcpLink(int target) {
        this.target = target;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::accept, "tcp-link-accept-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public void cut() {
        state = State.CUT;
        closeAll();
    }

    public void loseServerSide() {
        upstreams.forEach((client, upstream) -> {
            orphans.add(client);
            closeQuietly(upstream);
        });
        upstreams.clear();
    }

    public void vanish(int newTarget) {
        upstreams.forEach((client, upstream) -> {
            vanished.add(client);
            vanished.add(upstream);
        });
        upstreams.clear();
        target = newTarget;
    }

    public void freeze() {
        state = State.FROZEN;
    }

    /** Open again; connections held during a freeze are dropped (their clients have timed out). */
    public void restore() {
        if (state == State.FROZEN) {
            closeAll();
        }
        state = State.OPEN;
    }

    private void closeAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (state == State.CUT) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            if (state == State.FROZEN) {
                continue; // held, never answered
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(upstream);
                upstreams.put(client, upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (state == State.FROZEN && sockets.contains(from)) {
                        Thread.sleep(5); // the bytes are held, as by a stopped server
                    }
                    if (vanished.contains(from)) {
                        continue; // nobody there: no answer, no reset
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // cut
            } finally {
                closeQuietly(from);
                if (!orphans.contains(to)) {
                    closeQuietly(to); // an orphaned client hears nothing until it sends
                }
            }
        }, "tcp-link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        closeAll();
    }
}

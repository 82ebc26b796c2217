package berlin.projekte.cache;

import berlin.projekte.testsupport.TestServices;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A second, private, real redis-server on a free port that a test may freeze (SIGSTOP/SIGCONT, data
 * kept) or kill. Uses /usr/bin/redis-server (or redis-server on the PATH), else embedded-redis's binary.
 */
final class RedisProcess implements AutoCloseable {

    final int port = TestServices.freePort();
    private final Process process;

    RedisProcess() {
        try {
            process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!reachable()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on " + port);
            }
            sleep(20);
        }
    }

    private static String binary() {
        for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                File file = new File(dir, "redis-server");
                if (file.canExecute()) {
                    return file.getPath();
                }
            }
        }
        try {
            File file = ExecutableProvider.newJarResourceProvider().get();
            file.setExecutable(true);
            return file.getPath();
        } catch (IOException e) {
            throw new UncheckedIOException("no redis-server binary", e);
        }
    }

    /** SIGSTOP: Redis keeps its data but answers nothing. */
    void freeze() {
        signal("-STOP");
    }

    /** SIGCONT: Redis answers again, with the data it had. */
    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            if (new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        thaw();
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

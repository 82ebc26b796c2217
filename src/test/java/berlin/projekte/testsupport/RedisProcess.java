package berlin.projekte.testsupport;

import berlin.projekte.testsupport.TestServices;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A second, private, real redis-server on its own port that a test may freeze (SIGSTOP/SIGCONT, data
 * kept) or kill. Uses /usr/bin/redis-server (or redis-server on the PATH), else embedded-redis's binary.
 */
public final class RedisProcess implements AutoCloseable {

    public final int port;
    private final Process process;

    /** redis-server binds its port itself: a port outside the ephemeral range, another one if that bind fails. */
    public RedisProcess() {
        this(Map.of());
    }

    /** The same, with these variables added to redis-server's environment (a preloaded shim: {@link ClockShiftedRedis}). */
    public RedisProcess(Map<String, String> environment) {
        Started started = startOnSomePort(environment);
        port = started.port();
        process = started.process();
    }

    private record Started(int port, Process process) {
    }

    private static Started startOnSomePort(Map<String, String> environment) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate = TestServices.unusedPortOutsideEphemeralRange();
            Process started = start(candidate, environment);
            if (started != null) {
                return new Started(candidate, started);
            }
        }
        throw new IllegalStateException("redis-server did not start on any of 20 ports");
    }

    /** The process if it listens on this port (it answers with its own pid), else null (and it is gone). */
    private static Process start(int port, Map<String, String> environment) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Long pid = serverPid(port);
            if (pid != null && pid == process.pid()) {
                return process;
            }
            if (pid != null) {
                break; // another server holds this port
            }
            sleep(20);
        }
        process.destroyForcibly();
        return null;
    }

    /** The process id the server on this port reports ({@code INFO server}), or null if none answers. */
    private static Long serverPid(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()).trim());
                }
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** The installed redis-server, else embedded-redis's binary. */
    private static String binary() {
        return RedisTopology.installedBinary().orElseGet(() -> {
            try {
                File file = ExecutableProvider.newJarResourceProvider().get();
                file.setExecutable(true);
                return file.getPath();
            } catch (IOException e) {
                throw new UncheckedIOException("no redis-server binary", e);
            }
        });
    }

    /** SIGSTOP: Redis keeps its data but answers nothing. */
    public void freeze() {
        signal("-STOP");
    }

    /** SIGCONT: Redis answers again, with the data it had. */
    public void thaw() {
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

    public static void sleep(long millis) {
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

package berlin.projekte.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * The tests' one launcher of a real redis-server (also used by {@link TestServices} and
 * {@link RedisTopology}): finds the binary once, starts a process with the given options and
 * environment, and counts it started only when the server on its port reports this process's id,
 * so a server that someone else started on that port is never taken for it. redis-server binds its
 * port itself, so no port is picked and released before it binds. A test may freeze the process
 * (SIGSTOP: data kept, nothing answered), thaw it, kill it or close it.
 * {@code new RedisProcess()} is a private server on some free port.
 */
public final class RedisProcess implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final long START_SECONDS = 10;
    private static Optional<String> installed;
    private static String binary;

    public final int port;
    private final Process process;

    /** A private redis-server on some free port outside the ephemeral range. */
    public RedisProcess() {
        this(Map.of());
    }

    /** The same, with these variables added to redis-server's environment (a preloaded shim: {@code ClockShiftedRedis}). */
    public RedisProcess(Map<String, String> environment) {
        this(onSomePort(List.of(), environment));
    }

    private RedisProcess(RedisProcess started) {
        this(started.port, started.process);
    }

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** A redis-server with these further options on some free port; it tries another port when one is taken meanwhile. */
    static RedisProcess onSomePort(List<String> options, Map<String, String> environment) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int candidate = unusedPortOutsideEphemeralRange();
            RedisProcess started = start(candidate, serverCommand(candidate, options), environment, ProcessBuilder.Redirect.DISCARD);
            if (started != null) {
                return started;
            }
        }
        throw new IllegalStateException("redis-server did not start on any of 20 ports");
    }

    /** The command of a redis-server on this port on loopback, keeping nothing on disk, with these further options. */
    static List<String> serverCommand(int port, List<String> options) {
        List<String> command = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", HOST,
                "--save", "", "--appendonly", "no", "--daemonize", "no"));
        command.addAll(options);
        return command;
    }

    /**
     * Runs {@code command} (a redis-server, or a Sentinel, that listens on {@code port}) and returns it
     * once the server on that port reports its process id; null (and the process gone) if it could not
     * bind, another server holds the port, or it did not answer within 10 s.
     */
    static RedisProcess start(int port, List<String> command, Map<String, String> environment, ProcessBuilder.Redirect output) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Long pid = serverPid(port);
            if (pid != null && pid == process.pid()) {
                return new RedisProcess(port, process);
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
            socket.connect(new InetSocketAddress(HOST, port), 200);
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

    /**
     * A port below the kernel's ephemeral range (so no outgoing connection is given it meanwhile)
     * where nothing answers now. Only a candidate: {@link #start} tells whether the server got it.
     */
    private static int unusedPortOutsideEphemeralRange() {
        int low = 32768;
        try (BufferedReader range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            low = Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            // the common default
        }
        int from = Math.max(1024, Math.min(20000, low - 2000));
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(from, low);
            if (!TestServices.reachable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no unused port below " + low);
    }

    /** The installed redis-server, else embedded-redis's binary. */
    static synchronized String binary() {
        if (binary == null) {
            binary = installedBinary().orElseGet(() -> {
                try {
                    File file = ExecutableProvider.newJarResourceProvider().get();
                    file.setExecutable(true);
                    return file.getPath();
                } catch (IOException e) {
                    throw new UncheckedIOException("no redis-server binary", e);
                }
            });
        }
        return binary;
    }

    /** The installed {@code redis-server}: Debian's, else one on the PATH. */
    static synchronized Optional<String> installedBinary() {
        if (installed == null) {
            installed = findInstalled();
        }
        return installed;
    }

    private static Optional<String> findInstalled() {
        for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(candidate).canExecute()) {
                return Optional.of(candidate);
            }
        }
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> new File(dir, "redis-server")).filter(File::canExecute).map(File::getPath).findFirst();
    }

    /** SIGSTOP: Redis keeps its data but answers nothing. */
    public void freeze() {
        signal("-STOP");
    }

    /** SIGCONT: Redis answers again, with the data it had. */
    public void thaw() {
        signal("-CONT");
    }

    /** kill -9: gone at once, with its data. */
    void kill() {
        process.destroyForcibly();
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

    /** Stops the process (thawed first, if frozen and still there) and waits up to 5 s for it to go. */
    @Override
    public void close() {
        if (process.isAlive()) {
            thaw();
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package berlin.projekte.cache.redis;

import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.testsupport.RedisTopology;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private redis-server ({@link RedisProcess}) whose wall clock a test may step, forward or back,
 * while it runs. Its process preloads the shim {@code src/test/c/clock-shift.c} (compiled with gcc into
 * {@code target/clock-shift/} once per test JVM), which adds an offset read from a file to
 * {@code CLOCK_REALTIME}, {@code gettimeofday} and {@code time}; {@code CLOCK_MONOTONIC} stays true.
 * So {@code TIME}, key expiry and anything a script times with {@code TIME} follow the stepped clock.
 * Debian's libfaketime cannot do this: Debian's redis-server does not start with it preloaded.
 */
final class ClockShiftedRedis implements AutoCloseable {

    /** {@code @EnabledIf} condition: the shim needs gcc and an installed (dynamically linked) redis-server. */
    static final String AVAILABLE = "berlin.projekte.cache.redis.ClockShiftedRedis#available";
    static final String NOT_AVAILABLE = "gcc or redis-server is not installed (apt-get install gcc redis-server; .ci/run installs both)";

    private static final Path SOURCE = Path.of("src/test/c/clock-shift.c");
    private static final Path SHIM = Path.of("target/clock-shift/clock-shift.so");
    /** The shim re-reads its offset file at most every 2 ms: after this long every clock read sees a step. */
    private static final long STEP_SETTLES_MILLIS = 5;
    private static boolean compiled;

    final int port;
    private final RedisProcess redis;
    private final Path offsetFile;
    private Duration offset = Duration.ZERO;

    ClockShiftedRedis() {
        Path shim = shim();
        try {
            offsetFile = Files.createTempFile("projekte-clock-shift", ".millis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeOffset();
        redis = new RedisProcess(environment(shim, offsetFile));
        port = redis.port;
    }

    /** What a process needs in its environment to run on this Redis's clock (the shim preloaded, its offset file). */
    Map<String, String> environment() {
        return environment(SHIM, offsetFile);
    }

    private static Map<String, String> environment(Path shim, Path offsetFile) {
        return Map.of("LD_PRELOAD", shim.toAbsolutePath().toString(), "CLOCK_SHIFT_FILE", offsetFile.toAbsolutePath().toString());
    }

    static boolean available() {
        return RedisTopology.installed() && onPath("gcc");
    }

    /** Steps Redis's wall clock by this much (negative: back); steps add up. Returns once Redis's clock has stepped. */
    void step(Duration step) {
        offset = offset.plus(step);
        writeOffset();
        RedisProcess.sleep(STEP_SETTLES_MILLIS);
    }

    /** The sum of all steps so far: Redis's clock minus the machine's. */
    Duration offset() {
        return offset;
    }

    /** Redis's own clock ({@code TIME}). */
    Instant redisTime() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("TIME\r\n".getBytes(StandardCharsets.US_ASCII));
            // *2 $<n> seconds $<n> microseconds
            List<String> lines = new ArrayList<>();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            while (lines.size() < 5) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("TIME: connection closed after " + lines);
                }
                if (c == '\n') {
                    lines.add(line.toString().strip());
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            if (!lines.get(0).equals("*2")) {
                throw new IOException("TIME answered " + lines);
            }
            return Instant.ofEpochSecond(Long.parseLong(lines.get(2)), TimeUnit.MICROSECONDS.toNanos(Long.parseLong(lines.get(4))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void freeze() {
        redis.freeze();
    }

    void thaw() {
        redis.thaw();
    }

    @Override
    public void close() {
        redis.close();
        try {
            Files.deleteIfExists(offsetFile);
        } catch (IOException ignored) {
            // a temporary file: the system cleans it anyway
        }
    }

    /** Written beside and renamed over the old one: the shim never reads half a number. */
    private void writeOffset() {
        try {
            Path next = Files.createTempFile(offsetFile.getParent(), "projekte-clock-shift", ".next");
            Files.writeString(next, Long.toString(offset.toMillis()));
            Files.move(next, offsetFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles the shim once per JVM. Two test JVMs run at once: each compiles to its own name and
     * renames it into place, so none preloads a half-written library.
     */
    private static synchronized Path shim() {
        if (compiled) {
            return SHIM;
        }
        try {
            Files.createDirectories(SHIM.getParent());
            Path partial = SHIM.resolveSibling("clock-shift." + ProcessHandle.current().pid() + ".so.partial");
            Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-shared", "-fPIC", "-o", partial.toString(),
                    SOURCE.toString(), "-ldl").redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                throw new IllegalStateException("gcc could not compile " + SOURCE + ":\n" + output);
            }
            Files.move(partial, SHIM, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        compiled = true;
        return SHIM;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, program).canExecute());
    }
}

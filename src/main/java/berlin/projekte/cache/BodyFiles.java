package berlin.projekte.cache;

import berlin.projekte.web.AcceptEncoding.Coding;
import berlin.projekte.web.Language;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies of the public lists' bodies in files on a tmpfs, which Tomcat's NIO connector sends with
 * the kernel's {@code sendfile} (the request attributes {@code org.apache.tomcat.sendfile.*})
 * instead of copying them through its buffers. Only for bodies of at least {@code minBytes}: below
 * that, opening the file per request and the connector's hand-off cost more than the copy
 * (bench/findings.md).
 *
 * <p><b>A file is only where the bytes come from, never what decides.</b> The hit filter decides
 * what to answer from the entry the cache returns, under its generation and lease, exactly as
 * without files; then it asks here for a file of <em>those</em> bytes. A file is named by the
 * ETag (a hash of the JSON bytes), the coding and a sequence number, and its content never changes:
 * a changed list is a new file under a new name, written to a temporary name and renamed, so no
 * reader ever opens half a file, and no name is ever reused for other bytes. A request that
 * decided on the entry before an eviction may still be sent its file after the eviction returned:
 * that read overlapped the write (docs/cache-coherence.md, "Body files").
 *
 * <p><b>Lifetime.</b> Each slot (list, language, coding) owns the file it last sent. A new ETag for
 * the slot, or an eviction of its list, retires the old file; retired files are deleted after
 * {@code grace} unless a slot owns them again. Tomcat opens the file only after the filter returned,
 * on the same thread: the grace covers that gap (a deleted file would cost the client its
 * connection); a file it has opened stays readable after the delete (the open inode). Files are
 * bounded by {@code maxBytes} (beyond it bodies are written from memory), the directory is emptied
 * at start and deleted at {@link #close()}.
 *
 * <p><b>Fallback.</b> No file when sendfile is not supported by the connector (another connector,
 * a wrapped request), below the threshold, over the bound, when writing fails, or when the file is
 * gone (deleted by someone else: checked before each send, written again on the next request).
 */
public final class BodyFiles implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BodyFiles.class);
    static final String SUPPORT = "org.apache.tomcat.sendfile.support";
    static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String START = "org.apache.tomcat.sendfile.start";
    static final String END = "org.apache.tomcat.sendfile.end";
    private static final Path SHM = Path.of("/dev/shm");
    private static final Pattern DEFAULT_DIR = Pattern.compile("projekte-(\\d+)-\\d+");
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** A file holding exactly {@code length} bytes of the list with {@code etag}, in one coding ({@code name}: both). */
    record BodyFile(Path path, File file, String name, String etag, long length) {
    }

    private record Slot(ListKey key, Language language, Coding coding) {
    }

    private record Retired(BodyFile file, long since) {
    }

    private final Path dir;
    private final long minBytes;
    private final long maxBytes;
    private final long graceNanos;
    private final Map<String, BodyFile> files = new ConcurrentHashMap<>();
    private final Map<Slot, BodyFile> owners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Retired> retired = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Coding, Counter> sent = new EnumMap<>(Coding.class);
    private final Counter gone;
    private final Counter refused;
    private final ScheduledExecutorService sweeper;

    /**
     * @param dir   the directory, or null for none (everything is written from memory)
     * @param grace how long a retired file stays before it is deleted
     */
    public BodyFiles(Path dir, long minBytes, long maxBytes, Duration grace, MeterRegistry registry) {
        this.dir = dir == null ? null : prepare(dir);
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.graceNanos = grace.toNanos();
        for (Coding coding : Coding.values()) {
            sent.put(coding, Counter.builder("projekte.cache.body.files.sent").tag("coding", coding.token())
                    .description("Public-list bodies sent from a file by sendfile").register(registry));
        }
        gone = Counter.builder("projekte.cache.body.files.fallbacks").tag("reason", "gone")
                .description("Bodies written from memory because their file had been deleted").register(registry);
        refused = Counter.builder("projekte.cache.body.files.fallbacks").tag("reason", "not-written")
                .description("Bodies written from memory because no file could be written (bound, I/O error)").register(registry);
        Gauge.builder("projekte.cache.body.files.bytes", bytes, AtomicLong::get)
                .description("Bytes held in body files (tmpfs: memory)").baseUnit("bytes").register(registry);
        if (this.dir == null) {
            sweeper = null;
        } else {
            sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "projekte-body-files");
                thread.setDaemon(true);
                return thread;
            });
            long period = Math.max(10, grace.toMillis() / 2);
            sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
            log.info("cache: body files in {} (sendfile from {} bytes, at most {} bytes)", this.dir, minBytes, maxBytes);
        }
    }

    /** Files nowhere: every body is written from memory. */
    static BodyFiles none() {
        return new BodyFiles(null, 0, 0, Duration.ZERO, new SimpleMeterRegistry());
    }

    /** The directory to use for {@code properties}: as configured, or a new one on {@code /dev/shm} if that is a tmpfs; null for none. */
    static Path directory(BodyFilesProperties properties) {
        if (!properties.enabled()) {
            return null;
        }
        if (properties.dir() != null) {
            return properties.dir();
        }
        if (!isTmpfs(SHM)) {
            log.info("cache: no tmpfs at {}: bodies are written from memory", SHM);
            return null;
        }
        removeLeftovers();
        return SHM.resolve("projekte-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet());
    }

    private static boolean isTmpfs(Path path) {
        try {
            FileStore store = Files.getFileStore(path);
            return Files.isDirectory(path) && Files.isWritable(path) && "tmpfs".equals(store.type());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Default directories of processes that are gone (killed, crashed): nobody else deletes them. */
    private static void removeLeftovers() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(SHM, "projekte-*")) {
            for (Path entry : entries) {
                Matcher name = DEFAULT_DIR.matcher(entry.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                    deleteDirectory(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cache: leftover body files not removed: {}", e.toString());
        }
    }

    /** Makes the directory and empties it (files of an earlier run are not this run's copies). */
    private static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            deleteContents(dir);
            return dir;
        } catch (IOException | RuntimeException e) {
            log.warn("cache: body files directory {} unusable, bodies are written from memory: {}", dir, e.toString());
            return null;
        }
    }

    /** The directory in use, or null. */
    Path dir() {
        return dir;
    }

    /**
     * Sends {@code bytes} (the body of the list {@code key} in {@code language}, coded as
     * {@code coding}, whose JSON has {@code etag}) by sendfile: sets the request's sendfile
     * attributes and returns true, or returns false and the caller writes the bytes.
     */
    boolean send(ListKey key, Language language, Coding coding, String etag, byte[] bytes, HttpServletRequest request) {
        if (dir == null || bytes.length < minBytes || !Boolean.TRUE.equals(request.getAttribute(SUPPORT))) {
            return false;
        }
        BodyFile file = file(new Slot(key, language, coding), etag, bytes);
        if (file == null) {
            return false;
        }
        request.setAttribute(FILENAME, file.path().toString());
        request.setAttribute(START, 0L);
        request.setAttribute(END, file.length());
        sent.get(coding).increment();
        return true;
    }

    private BodyFile file(Slot slot, String etag, byte[] content) {
        BodyFile file = owners.get(slot);
        if (file == null || !file.etag().equals(etag)) {
            file = own(slot, etag, content);
            if (file == null) {
                refused.increment();
                return null;
            }
        }
        if (!file.file().exists()) {
            synchronized (this) {
                if (owners.remove(slot, file) && files.remove(file.name(), file)) {
                    bytes.addAndGet(-file.length());
                }
            }
            gone.increment();
            return null;
        }
        return file.length() == content.length ? file : null;
    }

    /** The slot's file becomes the one for {@code etag} (written if there is none); the one it had is retired. */
    private synchronized BodyFile own(Slot slot, String etag, byte[] content) {
        String name = etag.replace("\"", "") + "." + slot.coding().token();
        BodyFile file = files.get(name);
        if (file == null) {
            file = write(name, etag, content);
            if (file == null) {
                return null;
            }
            files.put(name, file);
        }
        BodyFile previous = owners.put(slot, file);
        if (previous != null && previous != file) {
            retired.add(new Retired(previous, System.nanoTime()));
        }
        return file;
    }

    private BodyFile write(String name, String etag, byte[] content) {
        if (bytes.get() + content.length > maxBytes) {
            return null;
        }
        Path path = dir.resolve(name + "." + sequence.incrementAndGet());
        Path temporary = dir.resolve(path.getFileName() + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
            bytes.addAndGet(content.length);
            return new BodyFile(path, path.toFile(), name, etag, content.length);
        } catch (IOException | RuntimeException e) {
            log.warn("cache: body file {} not written: {}", path, e.toString());
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the directory is gone or unwritable: nothing to clean
            }
            return null;
        }
    }

    /** Retires the files of every language and coding of these lists (called after each eviction). */
    synchronized void evicted(Set<ListKey> keys) {
        long now = System.nanoTime();
        owners.entrySet().removeIf(owned -> {
            if (keys.contains(owned.getKey().key())) {
                retired.add(new Retired(owned.getValue(), now));
                return true;
            }
            return false;
        });
    }

    /** Deletes the files retired for longer than the grace that no slot owns again. */
    void sweep() {
        sweep(System.nanoTime());
    }

    /** The same as of {@code now} ({@link System#nanoTime}; tests pass a time within or past the grace). */
    synchronized void sweep(long now) {
        List<Retired> young = new ArrayList<>();
        for (Retired old; (old = retired.poll()) != null; ) {
            if (now - old.since() < graceNanos) {
                young.add(old);
            } else if (!owners.containsValue(old.file()) && files.remove(old.file().name(), old.file())) {
                bytes.addAndGet(-old.file().length());
                delete(old.file().path());
            }
        }
        retired.addAll(young);
    }

    /** Bytes held in files now. */
    long bytes() {
        return bytes.get();
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (dir != null) {
            files.clear();
            owners.clear();
            retired.clear();
            bytes.set(0);
            deleteDirectory(dir);
        }
    }

    private static void deleteDirectory(Path dir) {
        try {
            deleteContents(dir);
            Files.deleteIfExists(dir);
        } catch (IOException | RuntimeException e) {
            log.warn("cache: body files directory {} not deleted: {}", dir, e.toString());
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                delete(entry);
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cache: body file {} not deleted: {}", file, e.toString());
        }
    }
}

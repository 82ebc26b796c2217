package berlin.projekte.cache;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brotli ({@code br}) bytes of cached lists, made on this instance by Brotli4j's native encoder.
 *
 * <p>Named by the list's ETag: the br bytes are a function of the JSON bytes, which the ETag names
 * (a hash of them), so an entry here can never be the wrong list for a hit and there is nothing to
 * evict for coherence; the bound ({@code maxBytes}, least recently used out) only keeps the heap
 * small. Not stored in Redis: the frame format stays, and br at a good quality costs more CPU than
 * computing the list, so a miss must not wait for it.
 *
 * <p>The first request for a list's br starts its compression in the background (one thread) and
 * is answered in gzip; once made, br is served. When the native library cannot load (another
 * platform, a libc it does not support) nothing is ever made, and gzip is served: never an error.
 */
public final class BrotliBodies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrotliBodies.class);

    private final Cache<String, byte[]> bodies;
    private final Set<String> compressing = ConcurrentHashMap.newKeySet();
    private final ExecutorService compressor;
    private final Encoder.Parameters parameters;
    private final boolean available;

    /**
     * @param quality  brotli quality, 0–11 (bench/findings.md: the size against the time per list)
     * @param maxBytes most br bytes held
     */
    public BrotliBodies(boolean enabled, int quality, long maxBytes) {
        this.available = enabled && loaded();
        this.parameters = new Encoder.Parameters().setQuality(quality).setMode(Encoder.Mode.TEXT);
        this.bodies = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((String etag, byte[] br) -> br.length).build();
        // one thread, a short queue: a burst of new lists is compressed one after another, the rest asked again later
        this.compressor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread thread = new Thread(r, "projekte-brotli");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static boolean loaded() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError, or no native library for this platform
            log.warn("cache: brotli unavailable, lists are sent in gzip: {}", e.toString());
            return false;
        }
    }

    /** Whether br can be offered at all (the native encoder loaded and br is on). */
    public boolean available() {
        return available;
    }

    /** The br bytes of {@code body} (whose ETag is {@code etag}) if made; else null, and they are being made. */
    public byte[] find(String etag, byte[] body) {
        if (!available) {
            return null;
        }
        byte[] br = bodies.getIfPresent(etag);
        if (br == null) {
            compressLater(etag, body, compressor);
        }
        return br;
    }

    /** Makes the br bytes now (tests, and callers that would rather wait); null when br is unavailable. */
    public byte[] make(String etag, byte[] body) {
        if (!available) {
            return null;
        }
        compressLater(etag, body, Runnable::run);
        return bodies.getIfPresent(etag);
    }

    private void compressLater(String etag, byte[] body, Executor executor) {
        if (!compressing.add(etag)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    bodies.put(etag, Encoder.compress(body, parameters));
                } catch (IOException | RuntimeException e) {
                    log.warn("cache: brotli of {} failed: {}", etag, e.toString());
                } finally {
                    compressing.remove(etag);
                }
            });
        } catch (RejectedExecutionException e) {
            compressing.remove(etag); // queue full or closing: asked again by a later request
        }
    }

    /** The br bytes held (for the meter). */
    public long bytes() {
        return bodies.asMap().values().stream().mapToLong(br -> br.length).sum();
    }

    @Override
    public void close() {
        compressor.shutdownNow();
    }
}

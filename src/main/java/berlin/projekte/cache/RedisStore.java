package berlin.projekte.cache;

import berlin.projekte.web.Language;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis store, shared by every instance. Redis is an optimisation: every call has a short
 * timeout (≤ 250 ms, see {@link CacheConfig}), and no failure ever reaches a request.
 *
 * <h2>Physical keys</h2>
 * {@code prefix:{vSCHEMA}:logicalName:lang} holds an entry (one value: a small binary frame of
 * expiry, ETag, body and gzip, see {@link #encode}), {@code prefix:{vSCHEMA}:logicalName:gen}
 * the key's generation, {@code prefix:{vSCHEMA}:alive} the liveness key. {@link #SCHEMA} changes
 * whenever the stored shape, the JSON or the key layout changes, so a deploy never reads an older
 * shape. The braces are a Redis Cluster hash tag: every key of the store is in one hash slot, so
 * every script (whose keys span the liveness key and several lists) runs on Cluster as on a single
 * node. The whole cache (7 lists × 2 languages) then lives on one master; it is small enough.
 *
 * <h2>No stale set (generations)</h2>
 * Each logical key has a generation (a counter, absent = 0). A read returns it together with the
 * entry, in one Lua script (one round trip). A put is one Lua script: "if the generation is still
 * the one the computation started with (and the liveness key exists), SET the entry with PX
 * ttl". An eviction is one Lua script: INCR the generation and DEL the entries of every language.
 * Scripts are atomic, so a computation that began before an eviction cannot store after it, on
 * this or any other instance. Generation keys have no TTL; run Redis with a {@code volatile-*}
 * or {@code noeviction} maxmemory policy so Redis never drops them on its own.
 *
 * <h2>Outages: nothing older than a failed eviction is served</h2>
 * When Redis does not answer, an eviction cannot be applied and Redis keeps the old entry. Two
 * mechanisms make sure nobody serves it when Redis answers again:
 * <ol>
 *   <li><b>This instance distrusts Redis after any failure.</b> Every failed command (read, put,
 *       eviction, timeout or refused connection) increments {@code failures}. While
 *       {@code recovered < failures} the store is <em>untrusted</em>: reads are misses without
 *       touching Redis, puts are skipped, evictions are only counted as failures (remembered). The
 *       background task then runs the liveness script with "force": it invalidates
 *       <em>every</em> entry of the namespace (INCR every generation, DEL every entry — the
 *       namespace is 7 keys × 2 languages, so replaying "everything" is as cheap as replaying the
 *       pending keys, and also covers evictions whose outcome is unknown, like timeouts). Only if
 *       it succeeded, and no failure happened since it was sent, is Redis trusted again. A read
 *       that overlapped a failure is discarded as a miss. Computations that started before the
 *       outage cannot store afterwards: their generation was advanced.</li>
 *   <li><b>Other instances: the liveness key.</b> Every instance refreshes {@code alive} (PX
 *       {@code aliveTtl}, default 2 s) every quarter of its lifetime, with a script that first
 *       invalidates the whole namespace if the key is missing. Reads and puts treat a missing key as
 *       a miss / no-store. So when Redis was frozen, unreachable or restarted for longer than the
 *       TTL, every entry it kept is invalidated before anyone reads it — even on an instance that
 *       never saw an error, and even when the instance whose eviction failed has died meanwhile.
 *       (Redis expires keys by its wall clock, so a SIGSTOPped Redis wakes up with the key
 *       expired.) For a shorter blip, the failing instance's own recovery (1.) applies at its next
 *       background run, within a quarter of the TTL.</li>
 * </ol>
 * What is not covered: a network partition between one instance and Redis while the others still
 * reach it; there the other instances may serve entries older than the isolated instance's
 * change until its recovery (or the entry's timeout).
 *
 * <h2>Conditional reads</h2>
 * Every read is validated against Redis, but the bytes are not always transferred: the store keeps
 * the frame head (expiry + ETag) and decoded entry of the last frame it saw per key and language,
 * and the read script answers "unchanged" when Redis holds a frame with that same head. A hit then
 * moves a few dozen bytes instead of the whole list, and it still serves exactly what Redis holds
 * at that moment; nothing is served from memory that Redis no longer has.
 */
final class RedisStore implements ListStore {

    /** The schema version in every physical key. Change it whenever the stored frame or the JSON changes. */
    static final int SCHEMA = 2;

    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);
    private static final Lookup UNTRUSTED = new Lookup(null, NO_STORE);
    private static final byte MAGIC = 'P';
    private static final byte FRAME_VERSION = 1;
    private static final int LANGUAGES = Language.values().length;
    private static final int STRIDE = 1 + LANGUAGES;
    private static final long RETRY_MILLIS = 100;

    private static final RedisScript<List> READ = RedisScript.of("""
            local g = redis.call('GET', KEYS[2]) or '0'
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0, g, ''} end
            if ARGV[1] ~= '' and redis.call('GETRANGE', KEYS[3], 0, string.len(ARGV[1]) - 1) == ARGV[1] then
              return {2, g, ''}
            end
            return {1, g, redis.call('GET', KEYS[3]) or ''}
            """, List.class);

    private static final RedisScript<Long> PUT = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
            return 1
            """, Long.class);

    private static final RedisScript<Long> DROP_EXPIRED = RedisScript.of("""
            if redis.call('GETRANGE', KEYS[1], 0, string.len(ARGV[1]) - 1) ~= ARGV[1] then return 0 end
            return redis.call('DEL', KEYS[1])
            """, Long.class);

    private static final RedisScript<List> EVICT = RedisScript.of("""
            local stride = tonumber(ARGV[1])
            local deleted = {}
            for i = 1, #KEYS, stride do
              redis.call('INCR', KEYS[i])
              for j = i + 1, i + stride - 1 do
                if redis.call('DEL', KEYS[j]) == 1 then deleted[#deleted + 1] = KEYS[j] end
              end
            end
            return deleted
            """, List.class);

    private static final RedisScript<Long> ALIVE = RedisScript.of("""
            local stride = tonumber(ARGV[1])
            local invalidate = ARGV[3] == '1' or redis.call('EXISTS', KEYS[1]) == 0
            if invalidate then
              for i = 2, #KEYS, stride do
                redis.call('INCR', KEYS[i])
                for j = i + 1, i + stride - 1 do redis.call('DEL', KEYS[j]) end
              end
            end
            redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
            if invalidate then return 1 end
            return 0
            """, Long.class);

    private record Near(byte[] head, Entry entry) {
    }

    private final RedisConnectionFactory factory;
    private final CacheMetrics metrics;
    private final String namespace;
    private final Duration aliveTtl;
    private final byte[] aliveKey;
    private final byte[][] genKeys = new byte[ListKey.values().length][];
    private final byte[][][] entryKeys = new byte[ListKey.values().length][LANGUAGES][];
    private final AtomicReferenceArray<Near> near = new AtomicReferenceArray<>(ListKey.values().length * LANGUAGES);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong recovered = new AtomicLong();
    private final AtomicBoolean reportedDown = new AtomicBoolean();
    private final AtomicBoolean alivePending = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor background;
    private ScheduledFuture<?> next;

    RedisStore(RedisConnectionFactory factory, String prefix, Duration aliveTtl, CacheMetrics metrics) {
        if (prefix == null || prefix.isBlank() || prefix.contains(" ") || prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("projekte.cache.key-prefix must be a non-empty word without braces: '" + prefix + "'");
        }
        this.factory = factory;
        this.metrics = metrics;
        this.aliveTtl = aliveTtl;
        this.namespace = namespace(prefix);
        this.aliveKey = bytes(namespace + "alive");
        for (ListKey key : ListKey.values()) {
            genKeys[key.ordinal()] = bytes(namespace + key.logicalName() + ":gen");
            for (Language language : Language.values()) {
                entryKeys[key.ordinal()][language.ordinal()] = bytes(physicalKey(prefix, key, language));
            }
        }
        metrics.registry().gauge("projekte.cache.redis.trusted", this, s -> s.trusted() ? 1 : 0);
        this.background = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "projekte-cache-redis-alive");
            thread.setDaemon(true);
            return thread;
        });
        background.setRemoveOnCancelPolicy(true);
        schedule(0);
    }

    /** Runs {@link #alive()} every quarter of the liveness TTL, and every 100 ms while Redis is not trusted. */
    private void tick() {
        try {
            alive();
        } finally {
            long period = Math.max(10, aliveTtl.toMillis() / 4);
            schedule(trusted() ? period : Math.min(period, RETRY_MILLIS));
        }
    }

    private synchronized void schedule(long delayMillis) {
        try {
            next = background.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed
        }
    }

    /** After a failure: run the recovery soon instead of at the next regular refresh. */
    private synchronized void retrySoon() {
        if (next != null && next.getDelay(TimeUnit.MILLISECONDS) > RETRY_MILLIS && next.cancel(false)) {
            schedule(RETRY_MILLIS);
        }
    }

    /** The physical key of an entry: {@code projekte:{v2}:projects_activeParticipation:de}. */
    static String physicalKey(String prefix, ListKey key, Language language) {
        return namespace(prefix) + key.logicalName() + ":" + language.code();
    }

    /** Every key starts so; {@code {v2}} is the hash tag that keeps them in one Redis Cluster slot. */
    private static String namespace(String prefix) {
        return prefix + ":{v" + SCHEMA + "}:";
    }

    @Override
    public String name() {
        return "redis";
    }

    /** False while a failure has not been followed by a full invalidation (see the class comment). */
    boolean trusted() {
        return recovered.get() >= failures.get();
    }

    @Override
    public boolean reachable() {
        return trusted();
    }

    @Override
    public Lookup get(ListKey key, Language language) {
        if (!trusted()) {
            return UNTRUSTED;
        }
        long before = failures.get();
        int slot = slot(key, language);
        Near mine = near.get(slot);
        List<?> result;
        try {
            result = (List<?>) eval(READ, 3, aliveKey, genKeys[key.ordinal()], entryKeys[key.ordinal()][language.ordinal()],
                    mine == null ? new byte[0] : mine.head());
        } catch (RuntimeException e) {
            failed("get", e);
            return UNTRUSTED;
        }
        if (failures.get() != before) {
            return UNTRUSTED; // the read overlapped a failure (maybe an eviction's): don't serve it
        }
        long status = (Long) result.get(0);
        String generation = new String((byte[]) result.get(1), StandardCharsets.US_ASCII);
        if (status == 0) {
            requestAlive();
            return UNTRUSTED;
        }
        if (status == 2) {
            return new Lookup(mine.entry(), generation);
        }
        byte[] frame = (byte[]) result.get(2);
        if (frame.length == 0) {
            return new Lookup(null, generation);
        }
        Entry entry = decode(frame);
        if (entry == null) {
            return new Lookup(null, generation); // not our frame: a miss; the next put replaces it
        }
        near.set(slot, new Near(Arrays.copyOf(frame, headLength(frame)), entry));
        return new Lookup(entry, generation);
    }

    @Override
    public boolean put(ListKey key, Language language, Entry entry, Object token, Duration ttl) {
        if (!(token instanceof String generation) || !trusted()) {
            return false;
        }
        byte[] frame = encode(entry);
        try {
            Long stored = (Long) eval(PUT, 3, aliveKey, genKeys[key.ordinal()], entryKeys[key.ordinal()][language.ordinal()],
                    bytes(generation), frame, bytes(Long.toString(Math.max(1, ttl.toMillis()))));
            if (stored != null && stored == 1) {
                near.set(slot(key, language), new Near(Arrays.copyOf(frame, headLength(frame)), entry));
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            failed("put", e);
            return false;
        }
    }

    /**
     * Deletes the expired frame if Redis still holds it (compared by its head: expiry and ETag), so
     * it is dropped, and counted as a timeout, once — not on every read (of every instance) until
     * Redis's own expiry or the next put replaces it. A newer frame is never touched.
     */
    @Override
    public boolean expired(ListKey key, Language language, Entry entry) {
        if (!trusted()) {
            return false;
        }
        try {
            Long dropped = (Long) eval(DROP_EXPIRED, 1, entryKeys[key.ordinal()][language.ordinal()], head(entry));
            return dropped != null && dropped == 1;
        } catch (RuntimeException e) {
            failed("expired", e);
            return false;
        }
    }

    @Override
    public Map<ListKey, Set<Language>> evict(Set<ListKey> keys) {
        Map<ListKey, Set<Language>> present = new EnumMap<>(ListKey.class);
        if (keys.isEmpty()) {
            return present;
        }
        for (ListKey key : keys) {
            for (Language language : Language.values()) {
                near.set(slot(key, language), null);
            }
        }
        if (!trusted()) {
            // Redis is not trusted: this eviction is remembered as a failure, so the recovery that makes
            // Redis trusted again invalidates everything after it. It is still sent: the distrust may
            // come from one spurious timeout while the other instances read Redis (an idempotent bump).
            failed("evict", null);
        }
        List<byte[]> keysAndArgs = new ArrayList<>();
        for (ListKey key : keys) {
            keysAndArgs.add(genKeys[key.ordinal()]);
            keysAndArgs.addAll(Arrays.asList(entryKeys[key.ordinal()]));
        }
        int numKeys = keysAndArgs.size();
        keysAndArgs.add(bytes(Integer.toString(STRIDE)));
        try {
            List<?> deleted = (List<?>) eval(EVICT, numKeys, keysAndArgs.toArray(new byte[0][]));
            for (Object physical : deleted) {
                for (ListKey key : keys) {
                    for (Language language : Language.values()) {
                        if (Arrays.equals((byte[]) physical, entryKeys[key.ordinal()][language.ordinal()])) {
                            present.computeIfAbsent(key, k -> EnumSet.noneOf(Language.class)).add(language);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            failed("evict", e);
        }
        return present;
    }

    @Override
    public Map<ListKey, Set<Language>> entries() {
        Map<ListKey, Set<Language>> present = new EnumMap<>(ListKey.class);
        try (RedisConnection connection = factory.getConnection()) {
            for (ListKey key : ListKey.values()) {
                for (Language language : Language.values()) {
                    Boolean exists = connection.keyCommands().exists(entryKeys[key.ordinal()][language.ordinal()]);
                    if (Boolean.TRUE.equals(exists)) {
                        present.computeIfAbsent(key, k -> EnumSet.noneOf(Language.class)).add(language);
                    }
                }
            }
        } catch (RuntimeException e) {
            failed("entries", e);
        }
        return present;
    }

    /**
     * The background task: refreshes the liveness key (invalidating everything if it was missing) and,
     * while untrusted, invalidates everything and trusts Redis again if no failure happened meanwhile.
     */
    void alive() {
        alivePending.set(false);
        long failuresBefore = failures.get();
        boolean force = recovered.get() < failuresBefore;
        List<byte[]> keysAndArgs = new ArrayList<>();
        keysAndArgs.add(aliveKey);
        for (ListKey key : ListKey.values()) {
            keysAndArgs.add(genKeys[key.ordinal()]);
            keysAndArgs.addAll(Arrays.asList(entryKeys[key.ordinal()]));
        }
        int numKeys = keysAndArgs.size();
        keysAndArgs.add(bytes(Integer.toString(STRIDE)));
        keysAndArgs.add(bytes(Long.toString(aliveTtl.toMillis())));
        keysAndArgs.add(bytes(force ? "1" : "0"));
        try {
            Long invalidated = (Long) eval(ALIVE, numKeys, keysAndArgs.toArray(new byte[0][]));
            if (force) {
                recovered.accumulateAndGet(failuresBefore, Math::max);
                if (trusted() && reportedDown.compareAndSet(true, false)) {
                    log.info("cache: Redis answers again; invalidated every entry of {}* before trusting it", namespace);
                }
            } else if (invalidated != null && invalidated == 1) {
                log.info("cache: liveness key {}alive was missing (first start, or Redis restarted, flushed or frozen"
                        + " for over {}); invalidated every entry", namespace, aliveTtl);
            }
        } catch (RuntimeException e) {
            failed("alive", e);
        }
    }

    private void requestAlive() {
        if (alivePending.compareAndSet(false, true)) {
            try {
                background.execute(this::alive);
            } catch (RejectedExecutionException closed) {
                // closed
            }
        }
    }

    private void failed(String operation, RuntimeException e) {
        failures.incrementAndGet();
        retrySoon();
        if (e != null) {
            metrics.redisError(operation);
        }
        if (reportedDown.compareAndSet(false, true)) {
            log.warn("cache: Redis {} failed ({}); serving from the database and remembering evictions until Redis"
                    + " answers again", operation, e == null ? "not trusted" : e.toString());
        }
    }

    private Object eval(RedisScript<?> script, int numKeys, byte[]... keysAndArgs) {
        ReturnType type = ReturnType.fromJavaType(script.getResultType());
        try (RedisConnection connection = factory.getConnection()) {
            try {
                return connection.scriptingCommands().evalSha(script.getSha1(), type, numKeys, keysAndArgs);
            } catch (RuntimeException e) {
                if (!isNoScript(e)) {
                    throw e;
                }
                return connection.scriptingCommands().eval(bytes(script.getScriptAsString()), type, numKeys, keysAndArgs);
            }
        }
    }

    private static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static int slot(ListKey key, Language language) {
        return key.ordinal() * LANGUAGES + language.ordinal();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The stored value: {@code 'P', version, expiresAt (epoch ms, 8 bytes), etag length (1 byte),
     * etag (ASCII)} — the head, which identifies the frame — then {@code body length (4), body,
     * gzip length (4, -1 for none), gzip}.
     */
    static byte[] encode(Entry entry) {
        byte[] etag = entry.etag().getBytes(StandardCharsets.US_ASCII);
        int gzipLength = entry.gzip() == null ? 0 : entry.gzip().length;
        ByteBuffer frame = ByteBuffer.allocate(2 + 8 + 1 + etag.length + 4 + entry.body().length + 4 + gzipLength);
        frame.put(MAGIC).put(FRAME_VERSION).putLong(entry.expiresAt().toEpochMilli()).put((byte) etag.length).put(etag);
        frame.putInt(entry.body().length).put(entry.body());
        frame.putInt(entry.gzip() == null ? -1 : gzipLength);
        if (entry.gzip() != null) {
            frame.put(entry.gzip());
        }
        return frame.array();
    }

    /** The frame's entry, or null if it is not a frame of this version. */
    static Entry decode(byte[] bytes) {
        try {
            ByteBuffer frame = ByteBuffer.wrap(bytes);
            if (frame.get() != MAGIC || frame.get() != FRAME_VERSION) {
                return null;
            }
            Instant expiresAt = Instant.ofEpochMilli(frame.getLong());
            byte[] etag = new byte[frame.get()];
            frame.get(etag);
            byte[] body = new byte[frame.getInt()];
            frame.get(body);
            int gzipLength = frame.getInt();
            byte[] gzip = null;
            if (gzipLength >= 0) {
                gzip = new byte[gzipLength];
                frame.get(gzip);
            }
            return new Entry(body, gzip, new String(etag, StandardCharsets.US_ASCII), expiresAt);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The head of the frame {@link #encode} makes of this entry. */
    static byte[] head(Entry entry) {
        byte[] etag = entry.etag().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + 8 + 1 + etag.length)
                .put(MAGIC).put(FRAME_VERSION).putLong(entry.expiresAt().toEpochMilli()).put((byte) etag.length).put(etag)
                .array();
    }

    private static int headLength(byte[] frame) {
        return 2 + 8 + 1 + frame[10];
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}

package berlin.projekte.cache.redis;

import berlin.projekte.cache.CacheMetrics;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListStore;
import static berlin.projekte.cache.redis.RedisKeyspace.bytes;

import berlin.projekte.web.Language;
import io.lettuce.core.RedisCommandTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redis store, shared by every instance: generations, near copies under leases, trust and its
 * recovery. Redis is an optimisation: every call has a short timeout and no failure reaches a
 * request. Why it is exact under every fault: docs/cache-coherence.md.
 */
public final class RedisStore implements ListStore {

    private static final Logger log = LoggerFactory.getLogger(RedisStore.class);
    private static final Lookup UNTRUSTED = new Lookup(null, NO_STORE);
    private static final int LANGUAGES = Language.values().length;
    private static final long RETRY_MILLIS = 100;
    /** Liveness refreshes in a row that timed out before the commands connection is replaced. */
    static final int TIMEOUTS_BEFORE_REPLACING = 3;

    private final RedisScripts redis;
    private final RedisKeyspace keys;
    private final Duration aliveTtl;
    private final NearCopies near = new NearCopies(ListKey.values().length * LANGUAGES);
    /** Per key and language, the read round trip concurrent reads share. */
    private final List<SharedRoundTrip<Lookup>> reads = new ArrayList<>();
    private final RedisTrust trust;
    private final NearLeases leases;
    private final RedisHeartbeat heartbeat;
    /** Liveness refreshes in a row that timed out (only the heartbeat's thread). */
    private int timeouts;

    /** {@code lease} zero: every read makes a round trip (this instance holds no lease). */
    public RedisStore(RedisConnectionFactory factory, String prefix, Duration aliveTtl, Duration lease, CacheMetrics metrics) {
        this.keys = new RedisKeyspace(prefix);
        this.aliveTtl = aliveTtl;
        this.trust = new RedisTrust(metrics, keys.namespace, this::retrySoon);
        this.leases = new NearLeases(lease, keys.byGenerationKey, this::forget, this::acknowledge, metrics.leaseWait());
        // a dropped connection may have lost an eviction in flight: invalidate everything before trusting again
        this.redis = new RedisScripts(factory, () -> trust.failed("connection", null), this::message,
                keys.evictedChannel, keys.acknowledgedChannel);
        for (ListKey key : ListKey.values()) {
            for (Language language : Language.values()) {
                reads.add(new SharedRoundTrip<>(() -> read(key, language), redis.timeout()));
            }
        }
        metrics.registry().gauge("projekte.cache.redis.trusted", this, s -> s.trusted() ? 1 : 0);
        metrics.registry().gauge("projekte.cache.near.bytes", this, RedisStore::nearBytes);
        trust.starting(); // the liveness task's first run, at once, connects and invalidates
        long period = Math.max(10, aliveTtl.toMillis() / 4);
        if (!lease.isZero()) {
            period = Math.min(period, Math.max(10, lease.toMillis() / 4)); // renewed well before it runs out
        }
        log.info("cache: Redis store {}*, near-copy lease {} as instance {}", keys.namespace, lease, leases.instance());
        this.heartbeat = new RedisHeartbeat(this::alive, period, RETRY_MILLIS, this::trusted);
        heartbeat.start();
    }

    @Override
    public String name() {
        return "redis";
    }

    /**
     * False while a failed eviction has not been followed by a full invalidation, or a failed read
     * by a successful liveness refresh (docs/cache-coherence.md, "Trust").
     */
    boolean trusted() {
        return trust.trusted();
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
        if (leases.holds()) {
            NearCopies.Copy copy = near.get(slot(key, language));
            if (copy.served() != null && copy.generation() == leases.known(key)) {
                return copy.served(); // no eviction since, or it waited for this lease (NearLeases)
            }
        }
        return roundTrip(key, language);
    }

    /** A round trip even while the lease holds: a link another instance prepared moves no generation on. */
    @Override
    public Lookup getShared(ListKey key, Language language) {
        if (!trusted()) {
            return UNTRUSTED;
        }
        return roundTrip(key, language);
    }

    private Lookup roundTrip(ListKey key, Language language) {
        long before = trust.mark();
        Lookup lookup;
        try {
            lookup = reads.get(slot(key, language)).join().get(redis.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            trust.readOrConnectionFailed("get", new RedisCommandTimeoutException("no answer within " + redis.timeout()));
            return UNTRUSTED;
        } catch (ExecutionException e) {
            trust.readOrConnectionFailed("get", RedisScripts.failure(e));
            return UNTRUSTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNTRUSTED;
        }
        if (trust.failedSince(before)) {
            return UNTRUSTED; // the read overlapped a failure (maybe an eviction's): don't serve it
        }
        if (lookup == NearCopies.LIVENESS_MISSING) {
            heartbeat.runNow();
            return UNTRUSTED;
        }
        return lookup;
    }

    /** One read round trip for a list: its answer is shared by every read that joined it ({@link SharedRoundTrip}). */
    private CompletableFuture<Lookup> read(ListKey key, Language language) {
        int slot = slot(key, language);
        NearCopies.Copy mine = near.get(slot);
        return redis.<List<?>>runAsync(RedisScripts.READ, keys.list(key, language), mine.head())
                .thenApply(reply -> {
                    Lookup lookup = near.answer(reply, slot, mine);
                    if (lookup.token() instanceof String generation) {
                        leases.learn(key, Long.parseLong(generation));
                    }
                    return lookup;
                });
    }

    @Override
    public boolean put(ListKey key, Language language, Entry entry, Object token, Duration ttl) {
        if (!(token instanceof String generation) || !trusted()) {
            return false;
        }
        byte[] frame = RedisFrame.encode(entry);
        try {
            Long stored = redis.run(RedisScripts.PUT, keys.list(key, language), bytes(generation), frame,
                    bytes(Long.toString(Math.max(1, ttl.toMillis()))));
            if (stored != null && stored == 1) {
                near.keep(slot(key, language), frame, entry, generation);
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            trust.readOrConnectionFailed("put", e);
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
        near.forget(slot(key, language), entry); // never served again, whoever replaced it in Redis
        try {
            Long dropped = redis.run(RedisScripts.DROP_EXPIRED, new byte[][] {keys.entry(key, language)}, RedisFrame.head(entry));
            return dropped != null && dropped == 1;
        } catch (RuntimeException e) {
            trust.readOrConnectionFailed("expired", e);
            return false;
        }
    }

    @Override
    public Map<ListKey, Set<Language>> evict(Set<ListKey> evicted) {
        if (evicted.isEmpty()) {
            return Map.of();
        }
        evicted.forEach(this::forget);
        if (!trusted()) {
            // Redis is not trusted: this eviction is remembered as a failure, so the recovery that makes
            // Redis trusted again invalidates everything after it. It is still sent: the distrust may
            // come from one spurious timeout while the other instances read Redis (an idempotent bump).
            trust.failed("evict", null);
        }
        try (NearLeases.Eviction eviction = leases.begin()) {
            List<?> reply = redis.run(RedisScripts.EVICT, keys.eviction(evicted), bytes(Integer.toString(RedisKeyspace.STRIDE)),
                    keys.evictedChannel, bytes(eviction.id + "|" + leases.instance()), bytes(leases.newOrigin()));
            waitForHolders(eviction, reply, System.nanoTime());
            return keys.entriesAmong((List<?>) reply.get(0), evicted);
        } catch (RuntimeException e) {
            trust.failed("evict", e);
            leases.waitOneLease();
            return new EnumMap<>(ListKey.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // e.g. shutdown: the holders may not have learnt it yet
            trust.failed("evict", null);
            return new EnumMap<>(ListKey.class);
        }
    }

    /**
     * An eviction's or invalidation's reply {…, generations, origin, holders}: learns the generations
     * and lease lengths, waits for the holders ({@link NearLeases.Eviction#await}), then drops
     * those whose leases ran out unacknowledged (best effort: else the next eviction waits again).
     */
    private void waitForHolders(NearLeases.Eviction eviction, List<?> reply, long repliedNanos) throws InterruptedException {
        leases.learnGenerations((List<?>) reply.get(1));
        leases.origin(origin(reply), repliedNanos);
        List<?> holders = (List<?>) reply.get(3);
        leases.learnLengths(holders);
        List<byte[]> silent = eviction.await(holders, origin(reply), repliedNanos);
        if (!silent.isEmpty()) {
            try {
                redis.run(RedisScripts.DROP_SILENT, new byte[][] {keys.leases}, silent.toArray(new byte[0][]));
            } catch (RuntimeException e) {
                log.debug("cache: could not drop silent lease holders: {}", e.toString());
            }
        }
    }

    private static String origin(List<?> reply) {
        return new String((byte[]) reply.get(2), StandardCharsets.UTF_8);
    }

    @Override
    public Map<ListKey, Set<Language>> entries() {
        Map<ListKey, Set<Language>> present = new EnumMap<>(ListKey.class);
        try {
            for (ListKey key : ListKey.values()) {
                for (Language language : Language.values()) {
                    if (redis.exists(keys.entry(key, language))) {
                        present.computeIfAbsent(key, k -> EnumSet.noneOf(Language.class)).add(language);
                    }
                }
            }
        } catch (RuntimeException e) {
            trust.readOrConnectionFailed("entries", e);
        }
        return present;
    }

    /** A message on the eviction channels ({@link NearLeases}). */
    private void message(byte[] channel, byte[] message) {
        String payload = new String(message, StandardCharsets.UTF_8);
        if (Arrays.equals(channel, keys.evictedChannel)) {
            leases.evicted(payload);
        } else {
            leases.acknowledged(payload);
        }
    }

    private void acknowledge(String acknowledgement) {
        redis.publish(keys.acknowledgedChannel, bytes(acknowledgement));
    }

    /** Drops the near copies of a list (evicted here or by another instance). */
    private void forget(ListKey key) {
        for (Language language : Language.values()) {
            near.forget(slot(key, language));
        }
    }

    /**
     * The background task: refreshes the liveness key (invalidating everything if it was missing) and,
     * while untrusted, invalidates everything and trusts Redis again if no failure happened meanwhile.
     */
    void alive() {
        RedisTrust.Refresh refresh = trust.refreshing();
        try (NearLeases.Eviction invalidation = leases.begin()) {
            redis.connect();
            // a lease only while this instance hears evictions: else every eviction would wait for it
            boolean listening = redis.listening();
            long sent = System.nanoTime();
            List<?> reply = redis.run(RedisScripts.ALIVE, keys.all,
                    bytes(Integer.toString(RedisKeyspace.STRIDE)), bytes(Long.toString(aliveTtl.toMillis())), bytes(refresh.invalidate() ? "1" : "0"),
                    bytes(leases.instance()), bytes(listening ? leases.nextRenewal() : ""),
                    keys.evictedChannel, bytes(invalidation.id + "|" + leases.instance()), bytes(leases.newOrigin()), bytes(leases.settleable()));
            long replied = System.nanoTime();
            leases.origin(origin(reply), replied);
            boolean invalidated = (Long) reply.get(0) == 1;
            if (invalidated) {
                waitForHolders(invalidation, reply, replied);
            } else {
                leases.learnGenerations((List<?>) reply.get(1));
                leases.learnLengths((List<?>) reply.get(3));
            }
            trust.refreshed(refresh);
            if (trusted() && listening) {
                leases.renewed(sent);
            }
            if (!refresh.invalidate() && invalidated) {
                log.info("cache: liveness key {}alive was missing (first start, or Redis restarted, flushed or frozen"
                        + " for over {}); invalidated every entry", keys.namespace, aliveTtl);
            }
            timeouts = 0;
        } catch (RedisCommandTimeoutException e) {
            trust.readOrConnectionFailed("alive", e);
            if (++timeouts >= TIMEOUTS_BEFORE_REPLACING) {
                // a live server answers a liveness refresh; this connection's may have vanished (no reset):
                // a new one finds the current master. What the old one carried is of unknown outcome.
                timeouts = 0;
                redis.replaceCommands();
                trust.failed("connection replaced after " + TIMEOUTS_BEFORE_REPLACING + " timeouts", null);
            }
        } catch (RuntimeException e) {
            trust.readOrConnectionFailed("alive", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the invalidation's outcome is unknown, Redis stays untrusted
        }
    }

    private void retrySoon() {
        if (heartbeat != null) { // null only while the constructor runs
            heartbeat.retrySoon();
        }
    }

    /** The bytes the near copies hold (bodies and gzip), for the gauge {@code projekte.cache.near.bytes}. */
    long nearBytes() {
        return near.bytes();
    }

    private static int slot(ListKey key, Language language) {
        return key.ordinal() * LANGUAGES + language.ordinal();
    }

    @Override
    public void close() {
        heartbeat.close();
        leases.release(); // no copy served from now on, so no eviction need wait for this instance
        redis.hdel(keys.leases, bytes(leases.instance()));
        redis.close();
    }
}

package berlin.projekte.cache;

import berlin.projekte.web.Language;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Get-or-compute for the lists, one entry per key and language, in the configured {@link ListStore}
 * (memory, Redis or none): single flight ({@link SingleFlight}), no stale set (a computation stores
 * only at the generation it began with), expiry ({@link #entry}), refresh-ahead, and the list as of
 * an entry's end prepared ahead ({@link #prepare}; while Redis is not trusted, in process:
 * {@link LocalPrepared}). A store never throws; a failing Redis is a miss.
 * Why: docs/cache.md, "Entries", "Expiry and timeouts"; docs/cache-coherence.md.
 */
@Service
public class ListCache {

    private static final Logger log = LoggerFactory.getLogger(ListCache.class);
    private static final int LANGUAGES = Language.values().length;

    private record Token(long local, Object store) {
    }

    private final Map<ListKey, ListSource> sources = new EnumMap<>(ListKey.class);
    private final ListStore store;
    private final Clock clock;
    private final Duration timeout;
    private final CacheMetrics metrics;
    private final boolean refreshAhead;
    private final AtomicLongArray localGenerations = new AtomicLongArray(ListKey.values().length);
    private final List<SingleFlight<CachedList>> flights = new ArrayList<>();
    private final Set<Integer> requested = ConcurrentHashMap.newKeySet();
    private final RefreshAhead refresher = new RefreshAhead(ListKey.values().length * LANGUAGES);
    private final Duration prepareAhead;
    /** Per slot, when the entry a request last read here ends: the instant to prepare for (and to tell a boundary miss). */
    private final AtomicReferenceArray<Instant> ends = new AtomicReferenceArray<>(ListKey.values().length * LANGUAGES);
    /**
     * This instance begins preparing this much later than the lead, so that of several instances one
     * usually prepares and the others find its entry (at worst each computes it once).
     */
    private final Duration stagger;
    /** The slots whose preparation is queued or running. */
    private final Set<Integer> preparing = ConcurrentHashMap.newKeySet();
    /** The lists this instance prepared while Redis was not trusted, kept in process for their instant. */
    private final LocalPrepared held = new LocalPrepared(ListKey.values().length * LANGUAGES);
    /**
     * True once every eviction committed before the call began has reached this instance (the bus's
     * marker, {@link EvictionBus#caughtUp}); null without a bus: nothing is prepared in process.
     */
    private volatile BooleanSupplier caughtUp;
    private ScheduledExecutorService preparer;
    /** Told the keys of every eviction on this instance, after the store's (its own, the bus's, a clear). */
    private final List<Consumer<Set<ListKey>>> evictionListeners = new CopyOnWriteArrayList<>();

    @Autowired
    public ListCache(List<ListSource> sources, ListStore store, CacheMetrics metrics, Clock clock, CacheProperties properties) {
        this(sources, store, metrics, clock, properties.timeout(), properties.refreshAhead(), properties.prepareAhead());
        this.preparer = prepareAhead.isZero() ? null : startPreparer();
    }

    /** Without preparation ahead. */
    public ListCache(List<ListSource> sources, ListStore store, CacheMetrics metrics, Clock clock, Duration timeout, boolean refreshAhead) {
        this(sources, store, metrics, clock, timeout, refreshAhead, Duration.ZERO);
    }

    /** With preparation ahead, but no tick of its own: the caller calls {@link #prepareDue} (tests). */
    public ListCache(List<ListSource> sources, ListStore store, CacheMetrics metrics, Clock clock, Duration timeout, boolean refreshAhead,
            Duration prepareAhead) {
        for (ListSource source : sources) {
            for (ListKey key : source.keys()) {
                if (this.sources.put(key, source) != null) {
                    throw new IllegalStateException("two sources for " + key);
                }
            }
        }
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.timeout = timeout;
        this.refreshAhead = refreshAhead;
        for (int slot = 0; slot < ListKey.values().length * LANGUAGES; slot++) {
            flights.add(new SingleFlight<>());
        }
        this.prepareAhead = store instanceof NoStore ? Duration.ZERO : prepareAhead;
        this.stagger = Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, this.prepareAhead.toMillis() / 4)));
        log.info("cache: store {}, timeout {}, refresh-ahead {}, prepare-ahead {}", store.name(), timeout, refreshAhead, this.prepareAhead);
    }

    /**
     * Polls by the application clock (a few comparisons per tick), so a step of the clock or a test's
     * clock moves the preparation with it.
     */
    private ScheduledExecutorService startPreparer() {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projekte-cache-prepare");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(10, Math.min(250, prepareAhead.toMillis() / 8));
        ticker.scheduleWithFixedDelay(() -> {
            try {
                prepareDue();
            } catch (RuntimeException e) {
                log.warn("cache: preparing lists failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return ticker;
    }

    /** The list for this key and language: from the store, or computed (once per instance) and stored. */
    public CachedList get(ListKey key, Language language) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(language, "language");
        requested.add(slot(key, language));
        return get(key, language, true);
    }

    /**
     * The list if the store holds it fresh, else null: nothing is computed. Not counted: a
     * {@link ListHitFilter} that answers with it calls {@link #served}; one that passes the
     * request on leaves the count to the normal path.
     */
    CachedList find(ListKey key, Language language) {
        return fresh(key, language, store.get(key, language));
    }

    /** Counts a hit that {@link #find} found and a hit filter answered with. */
    void served(ListKey key, Language language, CachedList hit) {
        requested.add(slot(key, language));
        counted(key, hit);
    }

    private void counted(ListKey key, CachedList hit) {
        metrics.hit(key);
        if (hit.prepared()) {
            metrics.preparedServed(key);
        }
    }

    private CachedList get(ListKey key, Language language, boolean counted) {
        ListSource source = sources.get(key);
        if (source == null) {
            throw new IllegalStateException("no source for " + key);
        }
        // This instance's generation first, then the store's: an eviction in between makes the token
        // stale (nothing stored, no flight joined), never wrong.
        long local = localGenerations.get(key.ordinal());
        ListStore.Lookup lookup = store.get(key, language);
        CachedList hit = fresh(key, language, lookup);
        if (hit != null) {
            if (counted) {
                counted(key, hit);
            }
            return hit;
        }
        if (lookup.token() == ListStore.NO_STORE) {
            CachedList prepared = heldPrepared(key, language);
            if (prepared != null) {
                if (counted) {
                    counted(key, prepared);
                }
                return prepared;
            }
        } else {
            held.drop(slot(key, language)); // Redis is trusted: what was prepared without it is not served
        }
        if (counted) {
            metrics.miss(key);
            Instant end = ends.get(slot(key, language));
            if (end != null && !clock.instant().isBefore(end)) {
                metrics.boundaryMiss(key); // the entry read here ran out, not evicted: nothing was prepared after it
            }
        }
        return flights.get(slot(key, language)).run(lookup.token() == ListStore.NO_STORE ? null : new Token(local, lookup.token()), () -> {
            // The flight began after this read: ask the store again (another flight may have stored the
            // entry meanwhile) and take the token for the put now, this instance's generation first.
            long before = localGenerations.get(key.ordinal());
            ListStore.Lookup again = store.get(key, language);
            CachedList stored = fresh(key, language, again);
            return stored != null ? stored : compute(source, key, language, new Token(before, again.token()));
        });
    }

    private CachedList fresh(ListKey key, Language language, ListStore.Lookup lookup) {
        ListStore.Entry entry = lookup.entry();
        if (entry == null) {
            return null;
        }
        ListStore.Entry valid = entry.at(clock.instant()); // the current list, or one prepared for an instant passed
        if (valid == null) {
            if (store.expired(key, language, entry)) {
                metrics.eviction(key, EvictionReason.TIMEOUT);
            }
            return null;
        }
        watch(key, language, valid);
        return new CachedList(valid.body(), valid.gzip(), valid.etag(), true, vouched(lookup.token()), valid != entry);
    }

    /**
     * The list this instance prepared in process while Redis was not trusted, once its instant has passed:
     * only if no eviction of the key reached this instance since its preparation began, checked after
     * the bus proved that every eviction committed before this read began has reached it (a marker sent
     * after the read began came back; docs/cache-coherence.md, "Redis down at the instant").
     */
    private CachedList heldPrepared(ListKey key, Language language) {
        BooleanSupplier bus = caughtUp;
        int slot = slot(key, language);
        LocalPrepared.Held prepared = held.get(slot);
        if (bus == null || prepared == null) {
            return null;
        }
        Instant now = clock.instant();
        if (localGenerations.get(key.ordinal()) != prepared.generation() || !now.isBefore(prepared.chain().end())) {
            held.drop(slot, prepared); // evicted, or run out
            return null;
        }
        ListStore.Entry link = prepared.at(now);
        if (link == null || !bus.getAsBoolean() || localGenerations.get(key.ordinal()) != prepared.generation()) {
            return null; // before its instant; the bus cannot vouch; or an eviction came through it: computed
        }
        watch(key, language, link);
        return new CachedList(link.body(), link.gzip(), link.etag(), true, null, true);
    }

    /** Remembers when the entry a request read ends, for {@link #prepareDue}; a volatile read on most hits. */
    private void watch(ListKey key, Language language, ListStore.Entry entry) {
        Instant end = entry.next() == null ? entry.expiresAt() : entry.end();
        int slot = slot(key, language);
        if (!end.equals(ends.get(slot))) {
            ends.set(slot, end);
        }
    }

    private static Object vouched(Object storeToken) {
        return storeToken == ListStore.NO_STORE ? null : storeToken;
    }

    private CachedList compute(ListSource source, ListKey key, Language language, Token token) {
        Timer.Sample sample = Timer.start();
        ComputedList computed = source.compute(key, language);
        sample.stop(metrics.computation(key));
        Instant now = clock.instant();
        ListStore.Entry entry = entry(key, computed, now);
        Duration ttl = Duration.between(now, entry.expiresAt());
        if (!ttl.isNegative() && !ttl.isZero() && localGenerations.get(key.ordinal()) == token.local()) {
            store.put(key, language, entry, token.store(), ttl);
        }
        watch(key, language, entry);
        return new CachedList(entry.body(), entry.gzip(), entry.etag(), false, vouched(token.store()));
    }

    /**
     * The entry of a computed list: it ends after the timeout ({@code projekte.cache.timeout}), or at the
     * list's next phase start or end if sooner; every read checks it by the application clock
     * ({@link #fresh}), besides the store's own expiry.
     */
    private ListStore.Entry entry(ListKey key, ComputedList computed, Instant now) {
        byte[] body = computed.body();
        // no gzip for per-user entries (filtered per request), nor without a store (benchmarks of the computation)
        byte[] gzip = key.isPerUser() || store instanceof NoStore ? null : gzip(body);
        Instant expiresAt = now.plus(timeout);
        if (computed.changesAt() != null && computed.changesAt().isBefore(expiresAt)) {
            expiresAt = computed.changesAt();
        }
        return new ListStore.Entry(body, gzip, etag(body), expiresAt);
    }

    /**
     * Prepares, in the background, every list whose entry a request read here ends within
     * {@code prepare-ahead} (less this instance's stagger). Called by the preparer's tick.
     */
    void prepareDue() {
        Instant now = clock.instant();
        if (store.reachable()) {
            held.clear(); // Redis is trusted again: what was prepared without it is not served
        }
        for (ListKey key : ListKey.values()) {
            for (Language language : Language.values()) {
                int slot = slot(key, language);
                Instant end = ends.get(slot);
                if (end == null || !now.isBefore(end) || now.isBefore(end.minus(prepareAhead).plus(stagger))) {
                    continue;
                }
                // one preparation of a list at a time: a tick during a long computation must not start a second
                if (preparing.add(slot) && !refresher.submit(slot, () -> prepareOnce(key, language, slot))) {
                    preparing.remove(slot); // a refresh of it is queued: the next tick tries again
                }
            }
        }
    }

    private void prepareOnce(ListKey key, Language language, int slot) {
        try {
            prepare(key, language);
        } finally {
            preparing.remove(slot);
        }
    }

    /**
     * Makes the store hold, beside the entry valid now, the list as of the instant it ends, computed from
     * the data as it is now and stored at the generation the entry was read at: an eviction in between
     * (a change, a transition, an instance's start) deletes both, and the put of a preparation that
     * began before it stores nothing (I1). Repeated while the chain still ends within the lead (two
     * boundaries close together). Never throws.
     */
    void prepare(ListKey key, Language language) {
        try {
            boolean recomputed = false;
            for (int round = 0; round < ListStore.Entry.MAX_LINKS; round++) {
                Instant now = clock.instant();
                long local = localGenerations.get(key.ordinal());
                // the near copy first (no round trip); then the shared store, where another instance may have prepared it
                ListStore.Lookup lookup = store.get(key, language);
                if (preparedBeyond(lookup, now)) {
                    return;
                }
                lookup = store.getShared(key, language);
                if (lookup.token() == ListStore.NO_STORE) {
                    prepareHere(key, language, local, now); // Redis not trusted
                    return;
                }
                if (preparedBeyond(lookup, now)) {
                    return;
                }
                ListStore.Entry chain = lookup.entry() == null ? null : lookup.entry().at(now);
                if (chain == null) {
                    if (recomputed) {
                        return;
                    }
                    // evicted shortly before the instant (a change; an instance's start invalidates every list):
                    // the list as of now first, as refresh-ahead would, then prepare after it
                    recomputed = true;
                    get(key, language, false);
                    continue;
                }
                if (chain.links() >= ListStore.Entry.MAX_LINKS) {
                    return;
                }
                Instant end = chain.end();
                Timer.Sample sample = Timer.start();
                ComputedList computed = sources.get(key).computeAsOf(key, language, end);
                if (computed == null) {
                    return; // this source cannot compute ahead
                }
                sample.stop(metrics.computation(key));
                ListStore.Entry link = entry(key, computed, now);
                if (!link.expiresAt().isAfter(end)) {
                    return; // ends before it begins (a timeout shorter than the lead)
                }
                ListStore.Entry extended = chain.followedBy(link);
                if (localGenerations.get(key.ordinal()) != local
                        || !store.put(key, language, extended, lookup.token(), Duration.between(now, extended.end()))) {
                    return; // an eviction came first: the next read computes
                }
                metrics.preparation(key);
                log.debug("cache: prepared {} {} as of {}", key.logicalName(), language.code(), end);
            }
        } catch (RuntimeException e) {
            log.warn("cache: preparing {} {} failed: {}", key.logicalName(), language.code(), e.toString());
        }
    }

    /**
     * Redis is not trusted: prepares the list as of the instant the entry last read here ends (and of the
     * boundaries after it within the lead) in process, from the data as it is now; {@link #heldPrepared}
     * serves it from that instant on while Redis stays untrusted. {@code generation}: this instance's
     * generation of the key, read before any of the data.
     */
    private void prepareHere(ListKey key, Language language, long generation, Instant now) {
        if (caughtUp == null) {
            return; // no bus to prove it current at the instant: reads compute, as always
        }
        int slot = slot(key, language);
        for (int round = 0; round < ListStore.Entry.MAX_LINKS; round++) {
            LocalPrepared.Held prepared = held.get(slot);
            if (prepared != null && prepared.generation() != generation) {
                prepared = null; // evicted since: prepared again from the data as it is now
            }
            Instant end = prepared == null ? ends.get(slot) : prepared.chain().end();
            if (end == null || end.isAfter(now.plus(prepareAhead))
                    || prepared != null && prepared.chain().links() >= ListStore.Entry.MAX_LINKS) {
                return;
            }
            Timer.Sample sample = Timer.start();
            ComputedList computed = sources.get(key).computeAsOf(key, language, end);
            if (computed == null) {
                return;
            }
            sample.stop(metrics.computation(key));
            ListStore.Entry link = entry(key, computed, now);
            if (!link.expiresAt().isAfter(end)) {
                return;
            }
            held.hold(slot, prepared == null ? new LocalPrepared.Held(end, link, generation)
                    : new LocalPrepared.Held(prepared.from(), prepared.chain().followedBy(link), generation));
            metrics.preparation(key);
            log.debug("cache: prepared {} {} as of {} in process (Redis not trusted)", key.logicalName(), language.code(), end);
        }
    }

    /**
     * Whether the store holds this list prepared for {@code instant} (a link that begins there) in some
     * language and no entry of it that is not: then an eviction at that instant (the transition job's)
     * would only throw the prepared list away. False when the store cannot tell (Redis not trusted).
     */
    public boolean preparedFor(ListKey key, Instant instant) {
        boolean prepared = false;
        for (Language language : Language.values()) {
            ListStore.Lookup lookup = store.getShared(key, language);
            if (lookup.token() == ListStore.NO_STORE) {
                return false;
            }
            if (lookup.entry() != null) {
                boolean linked = false;
                for (ListStore.Entry link = lookup.entry(); link.next() != null; link = link.next()) {
                    linked |= link.expiresAt().equals(instant);
                }
                if (!linked) {
                    return false;
                }
                prepared = true;
            }
        }
        return prepared;
    }

    /** The lookup's entry runs beyond the lead: nothing to prepare yet. */
    private boolean preparedBeyond(ListStore.Lookup lookup, Instant now) {
        ListStore.Entry entry = lookup.entry();
        return entry != null && entry.end().isAfter(now.plus(prepareAhead));
    }

    /**
     * Evicts every language of these keys, on every instance (they share the store). Called after
     * commit by {@link Evictions}, by the transition job ({@link EvictionReason#TRANSITION}) and by
     * {@link #clear()}. Never throws; with Redis down the eviction is remembered (see {@link berlin.projekte.cache.redis.RedisStore}).
     */
    public void evict(Set<ListKey> keys, EvictionReason reason) {
        evict(keys, reason, refreshAhead);
    }

    /** As {@link #evict(Set, EvictionReason)}; {@code refresh} false for another instance's change (it refreshes). */
    void evict(Set<ListKey> keys, EvictionReason reason, boolean refresh) {
        if (keys.isEmpty()) {
            return;
        }
        for (ListKey key : keys) {
            localGenerations.incrementAndGet(key.ordinal());
            for (Language language : Language.values()) {
                held.drop(slot(key, language));
            }
        }
        Map<ListKey, Set<Language>> present = store.evict(keys);
        evictionListeners.forEach(listener -> listener.accept(keys));
        for (ListKey key : keys) {
            metrics.eviction(key, reason);
        }
        log.debug("cache: evicted {} ({}), stored were {}", keys, reason, present);
        if (refresh && refreshAhead) {
            for (ListKey key : keys) {
                for (Language language : Language.values()) {
                    if (requested.contains(slot(key, language)) || present.getOrDefault(key, Set.of()).contains(language)) {
                        refresh(key, language);
                    }
                }
            }
        }
    }

    private void refresh(ListKey key, Language language) {
        refresher.submit(slot(key, language), () -> {
            try {
                metrics.refresh(key);
                get(key, language, false);
            } catch (RuntimeException e) {
                log.warn("cache: refresh-ahead of {} {} failed: {}", key.logicalName(), language.code(), e.toString());
            }
        });
    }

    /** Calls {@code listener} with the keys of every eviction on this instance, after the store's. */
    public void onEviction(Consumer<Set<ListKey>> listener) {
        evictionListeners.add(listener);
    }

    /** Evicts every entry ({@link EvictionReason#CLEAR}); returns the keys evicted (all of them). */
    public Set<ListKey> clear() {
        Set<ListKey> all = EnumSet.allOf(ListKey.class);
        evict(all, EvictionReason.CLEAR);
        return all;
    }

    /** Whether this instance holds the list prepared in process (Redis not trusted; tests). */
    boolean preparedHere(ListKey key, Language language) {
        return held.get(slot(key, language)) != null;
    }

    /** Lets the lists prepared in process be served while Redis is not trusted, proven current by the bus ({@link EvictionBus}). */
    void followBus(BooleanSupplier caughtUp) {
        this.caughtUp = caughtUp;
    }

    /** The entries stored now, by key (for the clear-cache command and tests). */
    public Map<ListKey, Set<Language>> entries() {
        return store.entries();
    }

    /** False while the store (Redis) is unreachable or not yet trusted again after a failure. */
    public boolean storeReachable() {
        return store.reachable();
    }

    /** {@code memory}, {@code redis} or {@code none}. */
    public String storeName() {
        return store.name();
    }

    /** Waits until no refresh-ahead work is queued or running (for tests and the CLI). */
    public boolean awaitRefreshes(Duration max) throws InterruptedException {
        return refresher.await(max);
    }

    @PreDestroy
    public void stop() {
        if (preparer != null) {
            preparer.shutdownNow();
        }
        refresher.stop();
    }

    private static int slot(ListKey key, Language language) {
        return key.ordinal() * LANGUAGES + language.ordinal();
    }

    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        // Fastest level: it halves the cost of a miss for a few per cent more bytes (bench/README.md).
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A strong ETag: a hash of the exact bytes. */
    public static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

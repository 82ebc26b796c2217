package berlin.projekte.cache.redis;

import berlin.projekte.cache.ListKey;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Near copies served without a round trip, and still exact: a read that starts after an eviction
 * returned (on any instance) never gets the old bytes. Every wait is timed by the waiting
 * instance's monotonic clock, never by a wall clock; why that is enough is in
 * docs/cache-coherence.md ("Leases").
 */
final class NearLeases {

    private static final Logger log = LoggerFactory.getLogger(NearLeases.class);
    /** The holders of a registry Redis lost: they never acknowledge. */
    static final String UNKNOWN_HOLDERS = "";
    /** The registry's origin once it is older than any lease. */
    static final String SETTLED = "0";

    private final String instance = UUID.randomUUID().toString();
    private final long leaseNanos;
    private final Map<String, ListKey> byGenerationKey;
    private final Consumer<ListKey> forget;
    private final Consumer<String> acknowledge;
    private final Timer waits;
    private final AtomicLongArray known = new AtomicLongArray(ListKey.values().length);
    private final Map<String, Eviction> underWay = new ConcurrentHashMap<>();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong origins = new AtomicLong();
    /** The longest lease of any holder this instance has seen in the registry, its own included. */
    private final AtomicLong longestNanos;
    private volatile boolean leased;
    private volatile long leaseEnd;
    /** A registry origin that is not settled yet, and when this instance first saw it. */
    private String youngOrigin;
    private long youngSince;

    /**
     * @param byGenerationKey the list of each generation key (as the eviction message names them)
     * @param forget          drops this instance's near copies of a list another instance evicted
     * @param acknowledge     publishes this instance's acknowledgement of an eviction (its payload)
     * @param waits           how long evictions waited for the holders
     */
    NearLeases(Duration lease, Map<String, ListKey> byGenerationKey, Consumer<ListKey> forget, Consumer<String> acknowledge,
            Timer waits) {
        this.leaseNanos = lease.toNanos();
        this.longestNanos = new AtomicLong(leaseNanos);
        this.byGenerationKey = byGenerationKey;
        this.forget = forget;
        this.acknowledge = acknowledge;
        this.waits = waits;
    }

    String instance() {
        return instance;
    }

    /** This instance's entry in the registry for its next renewal ({@code leaseMs:renewal}), or '' without a lease. */
    String nextRenewal() {
        return leaseNanos == 0 ? "" : TimeUnit.NANOSECONDS.toMillis(leaseNanos) + ":" + renewals.incrementAndGet();
    }

    /** An id for a registry origin this instance's script may create. */
    String newOrigin() {
        return instance + ":" + origins.incrementAndGet();
    }

    /** True while this instance's lease holds (checked first on a read; Redis trust is the store's). */
    boolean holds() {
        return leased && System.nanoTime() - leaseEnd < 0;
    }

    /** Stops serving leased copies at once (before this instance leaves the registry). */
    void release() {
        leased = false;
    }

    /** A registry origin seen in a script's reply at {@code seenNanos}. */
    synchronized void origin(String origin, long seenNanos) {
        if (SETTLED.equals(origin)) {
            youngOrigin = null;
        } else if (!origin.equals(youngOrigin)) {
            youngOrigin = origin;
            youngSince = seenNanos;
        }
    }

    /**
     * The origin the next renewal may settle ('' for none): one this instance has seen young for
     * longer than any lease it knows of, so every lease granted before Redis lost the registry has run out.
     */
    synchronized String settleable() {
        return youngOrigin != null && System.nanoTime() - youngSince >= longestNanos.get() ? youngOrigin : "";
    }

    /** The lease lengths of the holders in a registry reply ({holder, leaseMs:renewal, …}). */
    void learnLengths(List<?> holders) {
        for (Iterator<?> pairs = holders.iterator(); pairs.hasNext(); ) {
            pairs.next(); // the holder
            longestNanos.accumulateAndGet(lengthNanos(pairs.next()), Math::max);
        }
    }

    private static long lengthNanos(Object entry) {
        String value = new String((byte[]) entry, StandardCharsets.UTF_8);
        return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(value.split(":", 2)[0])); // leaseMs:renewal
    }

    /** The newest generation of this list this instance knows of. */
    long known(ListKey key) {
        return known.get(key.ordinal());
    }

    void learn(ListKey key, long generation) {
        known.accumulateAndGet(key.ordinal(), generation, Math::max);
    }

    /**
     * A renewal sent at {@code sentNanos} succeeded while Redis is trusted: the lease holds for its
     * length from then (less 1/64 for clock rates). Its generations must have been learnt first.
     */
    void renewed(long sentNanos) {
        if (leaseNanos > 0) {
            leaseEnd = sentNanos + leaseNanos - leaseNanos / 64;
            leased = true;
        }
    }

    /** Another instance's eviction: learn its generations, drop the copies, then acknowledge it. */
    void evicted(String message) {
        String[] parts = message.split("\\|", 3);
        if (parts.length != 3 || parts[1].equals(instance)) {
            return; // our own: learnt from the eviction's reply
        }
        for (String generation : parts[2].split(";")) {
            ListKey key = learn(generation);
            if (key != null) {
                forget.accept(key);
            }
        }
        acknowledge.accept(parts[0] + "|" + instance);
    }

    /** This instance's own eviction: the script's {@code genKey=gen} list. */
    void learnGenerations(List<?> generations) {
        for (Object generation : generations) {
            learn(new String((byte[]) generation, StandardCharsets.UTF_8));
        }
    }

    /** Learns a {@code genKey=gen}; returns its list (null if unknown). */
    private ListKey learn(String generation) {
        int at = generation.lastIndexOf('=');
        ListKey key = at == -1 ? null : byGenerationKey.get(generation.substring(0, at));
        if (key != null) {
            learn(key, Long.parseLong(generation.substring(at + 1)));
        }
        return key;
    }

    /** An acknowledgement ({@code evictionId|instance}) of some instance's eviction. */
    void acknowledged(String message) {
        String[] parts = message.split("\\|", 2);
        Eviction eviction = parts.length == 2 ? underWay.get(parts[0]) : null;
        if (eviction != null) {
            eviction.acknowledged(parts[1]);
        }
    }

    /** Before an eviction is sent: acknowledgements may arrive before its reply. */
    Eviction begin() {
        Eviction eviction = new Eviction(this);
        underWay.put(eviction.id, eviction);
        return eviction;
    }

    /** An eviction whose outcome is unknown: every lease that may have seen the old generation runs out (the longest known). */
    void waitOneLease() {
        waits.record(this::sleepOneLease);
    }

    private void sleepOneLease() {
        long lease = longestNanos.get();
        long end = System.nanoTime() + lease;
        for (long left = lease; left > 0; left = end - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** An eviction under way, collecting the holders' acknowledgements. */
    static final class Eviction implements AutoCloseable {

        final String id = UUID.randomUUID().toString();
        private final NearLeases leases;
        private final Set<String> acknowledged = new HashSet<>();

        private Eviction(NearLeases leases) {
            this.leases = leases;
        }

        private synchronized void acknowledged(String holder) {
            acknowledged.add(holder);
            notifyAll();
        }

        /**
         * Waits until every other holder acknowledged or its lease, counted from {@code repliedNanos}
         * (when the script's reply arrived), ran out; with a registry younger than any lease
         * ({@code origin} not settled), also for the longest lease known ({@link #UNKNOWN_HOLDERS}).
         * {@code holders} is the registry {holder, leaseMs:renewal, …}. Returns the holders whose
         * leases ran out unacknowledged, for {@link RedisScripts#DROP_SILENT}, as the registry
         * named them. Throws if interrupted: the eviction's outcome is then unknown.
         */
        synchronized List<byte[]> await(List<?> holders, String origin, long repliedNanos) throws InterruptedException {
            Map<String, Long> ends = new HashMap<>();
            Map<String, byte[]> entries = new HashMap<>();
            for (Iterator<?> pairs = holders.iterator(); pairs.hasNext(); ) {
                String holder = new String((byte[]) pairs.next(), StandardCharsets.UTF_8);
                byte[] entry = (byte[]) pairs.next();
                if (!holder.equals(leases.instance)) {
                    ends.put(holder, repliedNanos + lengthNanos(entry));
                    entries.put(holder, entry);
                }
            }
            if (!SETTLED.equals(origin)) {
                ends.put(UNKNOWN_HOLDERS, repliedNanos + leases.longestNanos.get());
            }
            Set<String> silent = new HashSet<>();
            while (true) {
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                for (Map.Entry<String, Long> end : ends.entrySet()) {
                    if (!acknowledged.contains(end.getKey()) && end.getValue() - now > 0) {
                        next = Math.min(next, end.getValue() - now);
                        silent.add(end.getKey());
                    }
                }
                if (next == Long.MAX_VALUE) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, next);
            }
            silent.removeAll(acknowledged);
            waited(silent, repliedNanos);
            List<byte[]> dropped = new ArrayList<>();
            for (String holder : ends.keySet()) {
                if (!acknowledged.contains(holder) && entries.containsKey(holder)) {
                    dropped.add(holder.getBytes(StandardCharsets.UTF_8));
                    dropped.add(entries.get(holder));
                }
            }
            return dropped;
        }

        private void waited(Set<String> silent, long repliedNanos) {
            long nanos = System.nanoTime() - repliedNanos;
            leases.waits.record(nanos, TimeUnit.NANOSECONDS);
            if (!silent.isEmpty()) {
                log.info("cache: an eviction by {} waited {} ms for the leases of {} to run out (no acknowledgement)",
                        leases.instance, TimeUnit.NANOSECONDS.toMillis(nanos), silent);
            }
        }

        @Override
        public void close() {
            leases.underWay.remove(id);
        }
    }
}

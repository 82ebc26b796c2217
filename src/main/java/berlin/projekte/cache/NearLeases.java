package berlin.projekte.cache;

import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Near copies served without a round trip, and still exact: a read that starts after an eviction
 * returned (on any instance) never gets the old bytes.
 *
 * <ul>
 *   <li><b>Leases.</b> Every instance holds a lease in Redis (a sorted set: instance → end, by
 *       Redis's clock), renewed by the liveness task while its subscription to the evictions answers
 *       a PING (else every eviction would wait for its lease), whose reply carries every list's
 *       generation.
 *       While its lease holds and Redis is trusted, an instance serves a near copy whose
 *       generation is the newest it knows of without asking Redis.</li>
 *   <li><b>Evictions wait for the holders.</b> The eviction's script bumps the generations,
 *       publishes them and answers the lease holders with the time their leases have left. The
 *       evicting instance returns once every holder acknowledged (a holder first learns the new
 *       generations, so it no longer serves its old copies) or its lease ran out.</li>
 *   <li><b>Why that is enough.</b> A renewal that ran before the eviction gives a lease that ends
 *       no later than the one the eviction saw; one that ran after it carries the new generations.
 *       So the messages only make evictions fast: lost ones cost a wait, never exactness.</li>
 *   <li><b>Clocks.</b> A holder counts its lease from when it <em>sent</em> the renewal, less a
 *       margin for clock rates; the evicting instance counts from when it <em>got</em> the reply.
 *       Both err on the safe side.</li>
 *   <li><b>Failures.</b> An eviction whose outcome is unknown waits a whole lease. A registry that
 *       Redis lost (flush, restart) makes evictions wait a whole lease from when it is created
 *       again ({@code …leases-since}). Generations move to at least Redis's clock in ms, so they
 *       keep growing even after Redis lost them. A failover must take longer than a lease
 *       (Sentinel and Cluster take seconds): the new master may not have the last renewals.</li>
 * </ul>
 */
final class NearLeases {

    private static final Logger log = LoggerFactory.getLogger(NearLeases.class);
    /** The lease holder of a lost registry: it never acknowledges. */
    static final String UNKNOWN_HOLDERS = "";

    private final String instance = UUID.randomUUID().toString();
    private final long leaseNanos;
    private final Map<String, ListKey> byGenerationKey;
    private final Consumer<ListKey> forget;
    private final Consumer<String> acknowledge;
    private final Timer waits;
    private final AtomicLongArray known = new AtomicLongArray(ListKey.values().length);
    private final Map<String, Eviction> underWay = new ConcurrentHashMap<>();
    private volatile boolean leased;
    private volatile long leaseEnd;

    /**
     * @param byGenerationKey the list of each generation key (as the eviction message names them)
     * @param forget          drops this instance's near copies of a list another instance evicted
     * @param acknowledge     publishes this instance's acknowledgement of an eviction (its payload)
     * @param waits           how long evictions waited for the holders
     */
    NearLeases(Duration lease, Map<String, ListKey> byGenerationKey, Consumer<ListKey> forget, Consumer<String> acknowledge,
            Timer waits) {
        this.leaseNanos = lease.toNanos();
        this.byGenerationKey = byGenerationKey;
        this.forget = forget;
        this.acknowledge = acknowledge;
        this.waits = waits;
    }

    String instance() {
        return instance;
    }

    long leaseMillis() {
        return TimeUnit.NANOSECONDS.toMillis(leaseNanos);
    }

    /** True while this instance's lease holds (checked first on a read; Redis trust is the store's). */
    boolean holds() {
        return leased && System.nanoTime() - leaseEnd < 0;
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
        ListKey key = at < 0 ? null : byGenerationKey.get(generation.substring(0, at));
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

    /** An eviction whose outcome is unknown: every lease that may have seen the old generation runs out. */
    void waitOneLease() {
        waits.record(this::sleepOneLease);
    }

    private void sleepOneLease() {
        long end = System.nanoTime() + leaseNanos;
        for (long left = leaseNanos; left > 0; left = end - System.nanoTime()) {
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
         * Waits until every other holder acknowledged or its lease ran out. {@code holders} is the
         * script's {holder, ms left, …}; {@code repliedNanos} when its reply arrived. Holders whose
         * leases had to run out are logged ({@link #UNKNOWN_HOLDERS}: a registry Redis lost).
         */
        synchronized void await(List<?> holders, long repliedNanos) {
            Set<String> silent = new HashSet<>();
            while (true) {
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                for (int i = 0; i + 1 < holders.size(); i += 2) {
                    String holder = new String((byte[]) holders.get(i), StandardCharsets.UTF_8);
                    long end = repliedNanos + TimeUnit.MILLISECONDS.toNanos((Long) holders.get(i + 1));
                    if (!holder.equals(leases.instance) && !acknowledged.contains(holder) && end - now > 0) {
                        next = Math.min(next, end - now);
                        silent.add(holder);
                    }
                }
                if (next == Long.MAX_VALUE) {
                    waited(silent, repliedNanos);
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, next);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void waited(Set<String> silent, long repliedNanos) {
            long nanos = System.nanoTime() - repliedNanos;
            leases.waits.record(nanos, TimeUnit.NANOSECONDS);
            silent.removeAll(acknowledged);
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

package berlin.projekte.cache.redis;

import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.cache.CacheMetrics;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListStore;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.testsupport.Threads;
import berlin.projekte.web.Language;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Near copies served under a lease ({@link NearLeases}), on a private redis-server the test may
 * freeze or flush. Each store's heartbeat is stopped: the test renews leases itself, so a loaded
 * machine cannot renew or lose one behind its back. Every figure asserted is a lower bound (a wait
 * that must have happened) or far below the lease (a wait that must not have).
 */
class NearLeasesTest {

    static final ListKey KEY = ListKey.PLANS;
    private static final String PREFIX = "leases";
    private final RedisProcess redis = new RedisProcess();
    private final LettuceConnectionFactory direct = RedisFixtures.factory(redis.port, RedisFixtures.TIMEOUT);
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** As in a deployment running for longer than a lease: no lease can predate the registry. */
    @BeforeEach
    void registryOlderThanAnyLease() {
        try (RedisConnection connection = direct.getConnection()) {
            connection.stringCommands().set((PREFIX + ":{v2}:leases-since").getBytes(), "0".getBytes());
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        direct.destroy();
        redis.close();
    }

    /** A store with this lease, its heartbeat stopped after one renewal. */
    private RedisStore store(Duration lease) throws Exception {
        return store(redis.port, lease);
    }

    /** The same, reaching Redis on this port (a link to it). */
    private RedisStore store(int port, Duration lease) throws Exception {
        return store(port, lease, RedisFixtures.metrics("redis"));
    }

    private RedisStore store(int port, Duration lease, CacheMetrics metrics) throws Exception {
        LettuceConnectionFactory factory = RedisFixtures.factory(port, RedisFixtures.OUTAGE_TIMEOUT);
        opened.add(factory::destroy);
        RedisStore store = new RedisStore(factory, PREFIX, Duration.ofMinutes(10), lease, metrics);
        opened.add(store);
        RedisFixtures.stopHeartbeat(store);
        return store;
    }

    private TcpLink link() {
        TcpLink link = new TcpLink(redis.port);
        opened.add(link);
        return link;
    }

    /**
     * B holds a copy under this lease and then hears nothing more: its connections lost their server
     * side silently, so it acknowledges nothing and, under its lease, asks Redis nothing.
     */
    private RedisStore deafHolder(Duration lease) throws Exception {
        TcpLink link = link();
        RedisStore b = store(link.port(), lease);
        stored(b);
        link.loseServerSide();
        return b;
    }

    /** Runs B's liveness refresh until B trusts Redis again, then once more: B renews its lease. */
    private static void renewedAgain(RedisStore b) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        do {
            assertThat(System.nanoTime()).as("B trusts Redis again").isLessThan(deadline);
            b.alive();
            RedisProcess.sleep(10);
        } while (!b.trusted());
        b.alive();
    }

    /** Stores the list through the store, as a miss does; returns its generation. */
    static String stored(RedisStore store) {
        ListStore.Lookup miss = store.get(KEY, Language.DE);
        ListStore.Entry entry = new ListStore.Entry("[1]".getBytes(StandardCharsets.UTF_8), null, "\"e1\"", Instant.now().plusSeconds(600));
        assertThat(store.put(KEY, Language.DE, entry, miss.token(), Duration.ofMinutes(10))).isTrue();
        return (String) miss.token();
    }

    /** Redis lost the lease registry (its keys evicted); the entries and the liveness key stay: nothing to invalidate. */
    private void loseTheRegistry() {
        try (RedisConnection connection = direct.getConnection()) {
            connection.keyCommands().del((PREFIX + ":{v2}:leases").getBytes(), (PREFIX + ":{v2}:leases-since").getBytes());
        }
    }

    private static long millisOf(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private long redisMillis() {
        try (RedisConnection connection = direct.getConnection()) {
            return connection.serverCommands().time(TimeUnit.MILLISECONDS);
        }
    }

    private String get(String key) {
        try (RedisConnection connection = direct.getConnection()) {
            byte[] value = connection.stringCommands().get(key.getBytes(StandardCharsets.UTF_8));
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    @Test
    void underALeaseACopyIsServedWithoutAskingRedis() throws Exception {
        RedisStore store = store(Duration.ofMinutes(1));
        String generation = stored(store);
        redis.freeze();
        try {
            ListStore.Lookup lookup = store.get(KEY, Language.DE);
            assertThat(lookup.entry()).as("served from the near copy: a round trip would have timed out").isNotNull();
            assertThat(lookup.token()).isEqualTo(generation);
            assertThat(store.trusted()).isTrue();
        } finally {
            redis.thaw();
        }
    }

    @Test
    void withoutALeaseEveryReadAsksRedis() throws Exception {
        RedisStore store = store(Duration.ZERO);
        stored(store);
        redis.freeze();
        try {
            assertThat(store.get(KEY, Language.DE).entry()).as("the round trip timed out").isNull();
            assertThat(store.trusted()).isFalse();
        } finally {
            redis.thaw();
        }
    }

    @Test
    void anEvictionReturnsAsSoonAsTheOtherHolderLearntItAndItsCopyIsNotServedAgain() throws Exception {
        RedisStore a = store(Duration.ofMinutes(1));
        RedisStore b = store(Duration.ofMinutes(1));
        String old = stored(b);
        assertThat(b.get(KEY, Language.DE).entry()).isNotNull();

        long millis = millisOf(() -> a.evict(Set.of(KEY)));

        assertThat(millis).as("B acknowledged: A did not wait for B's lease of a minute").isLessThan(20_000);
        try (RedisConnection connection = direct.getConnection()) {
            assertThat(connection.hashCommands().hLen((PREFIX + ":{v2}:leases").getBytes()))
                    .as("a holder that acknowledged stays in the registry").isEqualTo(2);
        }
        assertThat(b.nearBytes()).as("B dropped the copy it may no longer serve").isZero();
        ListStore.Lookup next = b.get(KEY, Language.DE);
        assertThat(next.entry()).as("B's very next read").isNull();
        assertThat(Long.parseLong((String) next.token())).isGreaterThan(Long.parseLong(old));
    }

    @Test
    void aHolderThatMissedAnEvictionStopsServingItsCopyAtItsNextRenewal() throws Exception {
        RedisStore b = store(Duration.ofMinutes(1));
        stored(b);
        try (RedisConnection connection = direct.getConnection()) {
            // an eviction whose message B never got (and that therefore never waited for B)
            connection.stringCommands().incr((PREFIX + ":{v2}:" + KEY.logicalName() + ":gen").getBytes());
            connection.keyCommands().del(RedisKeyspace.physicalKey(PREFIX, KEY, Language.DE).getBytes());
        }
        b.alive();
        assertThat(b.get(KEY, Language.DE).entry()).as("the renewal carried the new generation").isNull();
    }

    /** A read's round trip teaches the generation it saw: a copy stored at it is served under the lease. */
    @Test
    void aCopyStoredAtAGenerationLearntFromARoundTripIsServedUnderTheLease() throws Exception {
        RedisStore b = store(Duration.ofMinutes(1));
        try (RedisConnection connection = direct.getConnection()) {
            // an eviction after B's renewal whose message B never got
            connection.stringCommands().incr((PREFIX + ":{v2}:" + KEY.logicalName() + ":gen").getBytes());
        }
        stored(b); // the miss's round trip sees the new generation; the put stores at it
        redis.freeze();
        try {
            assertThat(b.get(KEY, Language.DE).entry()).as("served from the near copy: a round trip would have timed out").isNotNull();
        } finally {
            redis.thaw();
        }
    }

    @Test
    void aCopyThatRedisHoldsAgainAtANewGenerationIsServedUnderTheLeaseAgain() throws Exception {
        RedisStore a = store(Duration.ofMinutes(1));
        RedisStore b = store(Duration.ofMinutes(1));
        ListStore.Entry entry = new ListStore.Entry("[1]".getBytes(StandardCharsets.UTF_8), null, "\"e1\"", Instant.now().plusSeconds(600));
        assertThat(b.put(KEY, Language.DE, entry, b.get(KEY, Language.DE).token(), Duration.ofMinutes(10))).isTrue();
        try (RedisConnection connection = direct.getConnection()) {
            // an eviction whose message B never got
            connection.stringCommands().incr((PREFIX + ":{v2}:" + KEY.logicalName() + ":gen").getBytes());
            connection.keyCommands().del(RedisKeyspace.physicalKey(PREFIX, KEY, Language.DE).getBytes());
        }
        // A computes the same list again and stores the same frame, at the new generation
        assertThat(a.put(KEY, Language.DE, entry, a.get(KEY, Language.DE).token(), Duration.ofMinutes(10))).isTrue();
        b.alive();
        assertThat(b.get(KEY, Language.DE).entry()).as("asked Redis: it holds B's frame").isNotNull();
        redis.freeze();
        try {
            assertThat(b.get(KEY, Language.DE).entry()).as("the copy is known at the new generation: served without asking").isNotNull();
        } finally {
            redis.thaw();
        }
    }

    @Test
    void aHolderWhoseConnectionsDroppedAcknowledgesAgainOnceTheyAreBack() throws Exception {
        RedisStore a = store(Duration.ofMinutes(1));
        TcpLink link = link();
        RedisStore b = store(link.port(), Duration.ofSeconds(3));
        link.cut();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (b.trusted()) {
            assertThat(System.nanoTime()).as("B noticed").isLessThan(deadline);
            RedisProcess.sleep(10);
        }
        link.restore();
        renewedAgain(b);
        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).as("B acknowledged: A did not wait for B's lease").isLessThan(2_000);
    }

    @Test
    void aHolderWhoseIdleSubscriptionWentSilentSubscribesAgainBeforeItRenewsItsLease() throws Exception {
        RedisStore a = store(Duration.ofMinutes(1));
        TcpLink link = link();
        RedisStore b = store(link.port(), Duration.ofSeconds(5));
        link.loseServerSide(); // B's connections look open; only sending tells B otherwise
        renewedAgain(b);

        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).as("B hears evictions again: A did not wait for B's lease").isLessThan(2_500);
    }

    @Test
    void anEvictionWaitsForAHolderThatNeverAcknowledgesUntilItsLeaseHasRunOut() throws Exception {
        RedisStore a = store(Duration.ofMinutes(1));
        try (RedisConnection connection = direct.getConnection()) {
            // an instance with a lease of 1.5 s that renewed it and then stopped hearing messages (or died)
            connection.hashCommands().hSet((PREFIX + ":{v2}:leases").getBytes(), "silent".getBytes(), "1500:7".getBytes());
        }
        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).as("its lease, by A's clock").isBetween(1490L, 1490L + 1000);
        try (RedisConnection connection = direct.getConnection()) {
            assertThat(connection.hashCommands().hGet((PREFIX + ":{v2}:leases").getBytes(), "silent".getBytes()))
                    .as("a holder whose lease ran out unacknowledged is dropped").isNull();
        }
        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).as("the next eviction waits for no one").isLessThan(1000);
    }

    @Test
    void anEvictionWhoseOutcomeIsUnknownWaitsAWholeLease() throws Exception {
        RedisStore a = store(Duration.ofSeconds(1));
        redis.freeze();
        try {
            long millis = millisOf(() -> a.evict(Set.of(KEY)));
            assertThat(millis).as("the timeout, then the lease").isGreaterThanOrEqualTo(RedisFixtures.OUTAGE_TIMEOUT.toMillis() + 1000);
        } finally {
            redis.thaw();
        }
        assertThat(a.trusted()).isFalse();
    }

    @Test
    void whenRedisLostTheLeasesEvictionsWaitAWholeLease() throws Exception {
        RedisStore a = store(Duration.ofSeconds(3));
        try (RedisConnection connection = direct.getConnection()) {
            connection.serverCommands().flushAll(); // a restart without persistence: other instances' leases are forgotten
        }
        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).isGreaterThanOrEqualTo(2990);
        a.alive(); // A has seen the new registry for a whole lease: it settles it
        assertThat(millisOf(() -> a.evict(Set.of(ListKey.EXT_PROJECTS))))
                .as("the registry is whole again a lease later").isLessThan(2990);
    }

    /** A registry Redis lost is settled only once this instance has seen it for a whole lease, not at its next renewal. */
    @Test
    void aLostRegistryIsNotSettledBeforeALeaseHasPassed() throws Exception {
        RedisStore a = store(Duration.ofSeconds(3));
        loseTheRegistry();
        a.alive(); // A sees the new registry
        a.alive(); // and renews at once: too early to settle it
        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).as("a lease granted before the loss may still hold").isGreaterThanOrEqualTo(2990);
    }

    /** Renewals alone settle a lost registry once this instance has seen it for a whole lease. */
    @Test
    void renewalsALeaseApartSettleALostRegistry() throws Exception {
        RedisStore a = store(Duration.ofSeconds(3));
        loseTheRegistry();
        a.alive(); // A sees the new registry
        RedisProcess.sleep(3_100);
        a.alive(); // a lease later: it settles it
        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).as("the registry is whole again: no one to wait for").isLessThan(2990);
    }

    /** An eviction's reply teaches the lease lengths too: after Redis lost the registry, the next one waits for the longest. */
    @Test
    void aLeaseLengthSeenOnlyInAnEvictionsReplyIsWaitedForOnceTheRegistryIsLost() throws Exception {
        RedisStore a = store(Duration.ofSeconds(1));
        TcpLink link = link();
        RedisStore b = store(link.port(), Duration.ofSeconds(4)); // registered after A's last renewal
        stored(b);
        a.evict(Set.of(ListKey.EXT_PROJECTS)); // B acknowledges; A learns B's lease from the reply
        loseTheRegistry();
        link.loseServerSide();
        assertThat(millisOf(() -> a.evict(Set.of(KEY)))).as("B's lease, not A's").isGreaterThanOrEqualTo(3_900);
        assertThat(b.get(KEY, Language.DE).entry()).as("B, once A's eviction returned").isNull();
    }

    /**
     * Issue 14, item 3: instances with different leases (a rolling change of
     * {@code projekte.cache.near-lease}). When Redis lost the registry, an eviction cannot see the
     * holders; it must wait for the longest lease it knows of, not its own.
     */
    @Test
    void whenRedisLostTheLeasesAnEvictionWaitsForTheLongestLeaseNotItsOwn() throws Exception {
        RedisStore a = store(Duration.ofSeconds(1));
        RedisStore b = deafHolder(Duration.ofSeconds(4));
        a.alive(); // A's regular renewal: it sees B's lease of 4 s in the registry
        try (RedisConnection connection = direct.getConnection()) {
            connection.serverCommands().flushAll(); // the registry is lost
        }
        assertThat(b.get(KEY, Language.DE).entry()).as("B serves its copy under its lease").isNotNull();

        long millis = millisOf(() -> a.evict(Set.of(KEY)));

        assertThat(b.get(KEY, Language.DE).entry()).as("B, once A's eviction returned").isNull();
        assertThat(millis).as("B's lease, not A's").isBetween(3_900L, 4_000L + 2_000);
    }

    @Test
    void anEvictionWaitsForEachHoldersOwnLease() throws Exception {
        RedisStore a = store(Duration.ofSeconds(1));
        RedisStore b = deafHolder(Duration.ofSeconds(3));
        long millis = millisOf(() -> a.evict(Set.of(KEY)));
        assertThat(b.get(KEY, Language.DE).entry()).as("B, once A's eviction returned").isNull();
        assertThat(millis).as("B's lease of 3 s").isBetween(2_900L, 3_000L + 2_000);
    }

    /** Issue 14, item 6: an eviction whose wait for the holders was interrupted (shutdown) is of unknown outcome. */
    @Test
    void anInterruptedWaitForTheHoldersIsAnUnknownOutcome() throws Exception {
        RedisStore a = store(Duration.ofMinutes(1));
        deafHolder(Duration.ofMinutes(1)); // A waits for its lease
        AtomicReference<Map<ListKey, Set<Language>>> deleted = new AtomicReference<>();
        AtomicBoolean stayedInterrupted = new AtomicBoolean();
        Thread evicting = new Thread(() -> {
            deleted.set(a.evict(Set.of(KEY)));
            stayedInterrupted.set(Thread.currentThread().isInterrupted());
        }, "evicting");
        evicting.start();
        Threads.awaitWaitingIn(evicting, NearLeases.Eviction.class, "await"); // past the round trip
        evicting.interrupt();
        evicting.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(evicting.isAlive()).isFalse();
        assertThat(deleted.get()).as("no entries reported deleted").isEmpty();
        assertThat(stayedInterrupted).as("the interrupt is kept for the caller (shutdown)").isTrue();
        assertThat(a.trusted()).as("not taken as done: Redis is invalidated before A trusts it again").isFalse();
    }

    /** The same for the invalidation of a liveness refresh: interrupted while it waits for a holder, it is not done. */
    @Test
    void aRefreshInterruptedWhileItsInvalidationWaitsForTheHoldersLeavesRedisUntrusted() throws Exception {
        RedisStore a = store(Duration.ZERO);
        redis.freeze();
        a.evict(Set.of(KEY)); // times out: A must invalidate everything before it trusts Redis again
        redis.thaw();
        assertThat(a.trusted()).isFalse();
        deafHolder(Duration.ofMinutes(1));
        AtomicBoolean stayedInterrupted = new AtomicBoolean();
        Thread refreshing = new Thread(() -> {
            a.alive();
            stayedInterrupted.set(Thread.currentThread().isInterrupted());
        }, "refreshing");
        refreshing.start();
        Threads.awaitWaitingIn(refreshing, NearLeases.Eviction.class, "await");
        refreshing.interrupt();
        refreshing.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(refreshing.isAlive()).isFalse();
        assertThat(stayedInterrupted).as("the interrupt is kept (closing)").isTrue();
        assertThat(a.trusted()).as("the invalidation's outcome is unknown").isFalse();
    }

    /** An entry found expired is never served again from the near copy, even under the lease and at the same generation. */
    @Test
    void anExpiredEntryIsNotServedFromTheNearCopy() throws Exception {
        RedisStore b = store(Duration.ofMinutes(1));
        stored(b);
        ListStore.Entry copy = b.get(KEY, Language.DE).entry();
        assertThat(copy).as("B serves its copy under its lease").isNotNull();
        assertThat(b.expired(KEY, Language.DE, copy)).as("dropped in Redis").isTrue();
        assertThat(b.get(KEY, Language.DE).entry()).isNull();
    }

    /** Issue 14, item 6: a closing instance stops serving its copies before it leaves the registry. */
    @Test
    void aClosedStoreServesNoCopy() throws Exception {
        RedisStore b = store(Duration.ofMinutes(1));
        stored(b);
        b.close();
        assertThat(b.get(KEY, Language.DE).entry()).isNull();
    }

    @Test
    void generationsKeepGrowingAfterRedisLostThem() throws Exception {
        RedisStore a = store(Duration.ZERO);
        String genKey = PREFIX + ":{v2}:" + KEY.logicalName() + ":gen";
        long before = redisMillis();
        a.evict(Set.of(KEY));
        long first = Long.parseLong(get(genKey));
        assertThat(first).as("at least Redis's clock").isGreaterThanOrEqualTo(before);
        try (RedisConnection connection = direct.getConnection()) {
            connection.serverCommands().flushAll();
        }
        a.evict(Set.of(KEY));
        assertThat(Long.parseLong(get(genKey))).isGreaterThan(first);
    }

    @Test
    void aClosedStoreLeavesTheRegistry() throws Exception {
        store(Duration.ofMinutes(1));
        RedisStore b = store(Duration.ofMinutes(1));
        byte[] leases = (PREFIX + ":{v2}:leases").getBytes();
        try (RedisConnection connection = direct.getConnection()) {
            assertThat(connection.hashCommands().hLen(leases)).isEqualTo(2);
            b.close();
            assertThat(connection.hashCommands().hLen(leases)).isEqualTo(1);
        }
    }

    /** The lease runs out by the holder's own clock a margin early (1/64, for clock rates), never late. */
    @Test
    void aHolderStopsServingItsCopyAMarginBeforeItsLeaseRunsOut() throws Exception {
        Duration lease = Duration.ofMillis(6_400); // a margin of 100 ms
        RedisStore b = store(lease);
        stored(b);
        b.alive(); // a renewal: the lease runs from when it was sent, before this returned
        long renewed = System.nanoTime();
        try (RedisConnection connection = direct.getConnection()) {
            // an eviction whose message B never got (and that therefore never waited for B)
            connection.stringCommands().incr((PREFIX + ":{v2}:" + KEY.logicalName() + ":gen").getBytes());
            connection.keyCommands().del(RedisKeyspace.physicalKey(PREFIX, KEY, Language.DE).getBytes());
        }
        assertThat(b.get(KEY, Language.DE).entry()).as("under its lease B serves its copy").isNotNull();

        long marginEarly = renewed + lease.toNanos() - lease.toNanos() / 64;
        while (System.nanoTime() - marginEarly < 0) {
            RedisProcess.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(marginEarly - System.nanoTime())));
        }
        assertThat(b.get(KEY, Language.DE).entry()).as("the lease less its margin ran out: B asks Redis").isNull();
    }

    /** Shutdown interrupts an eviction that waits out a lease (its outcome unknown): it returns and stays interrupted. */
    @Test
    void anEvictionInterruptedWhileWaitingOutALeaseReturnsAndStaysInterrupted() throws Exception {
        RedisStore a = store(Duration.ofMinutes(1));
        redis.freeze(); // the eviction times out: its outcome is unknown, so it waits a whole lease
        try {
            boolean[] interrupted = {false};
            Thread evicting = new Thread(() -> {
                a.evict(Set.of(KEY));
                interrupted[0] = Thread.currentThread().isInterrupted();
            }, "evicting");
            evicting.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Arrays.stream(evicting.getStackTrace()).noneMatch(f -> f.getMethodName().equals("sleepOneLease"))) {
                assertThat(System.nanoTime()).as("A waits out its lease").isLessThan(deadline);
                RedisProcess.sleep(5);
            }
            evicting.interrupt();
            evicting.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(evicting.isAlive()).as("returned long before the lease of a minute ran out").isFalse();
            assertThat(interrupted[0]).as("the interrupt is kept for the caller").isTrue();
        } finally {
            redis.thaw();
        }
        assertThat(a.trusted()).isFalse();
    }

    /** How long evictions waited for silent holders is measured and logged with their names. */
    @Test
    void aWaitForASilentHolderIsMeasuredAndLogged() throws Exception {
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        RedisStore a = store(redis.port, Duration.ofMinutes(1), metrics);
        try (RedisConnection connection = direct.getConnection()) {
            connection.hashCommands().hSet((PREFIX + ":{v2}:leases").getBytes(), "silent".getBytes(), "1500:7".getBytes());
        }
        Timer waits = metrics.leaseWait();
        long before = waits.count(); // the start's invalidation waited too
        Logger leasesLog = (Logger) LoggerFactory.getLogger(NearLeases.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        leasesLog.addAppender(logged);
        try {
            a.evict(Set.of(KEY));
            a.evict(Set.of(KEY)); // waits for no one: measured, not logged
        } finally {
            leasesLog.detachAppender(logged);
        }
        assertThat(waits.count()).isEqualTo(before + 2);
        assertThat(waits.max(TimeUnit.MILLISECONDS)).as("the silent holder's lease").isBetween(1490.0, 1490.0 + 10_000);
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("waited").contains("[silent]");
    }
}

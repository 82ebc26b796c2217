package berlin.projekte.cache.redis;

import berlin.projekte.testsupport.RedisProcess;
import berlin.projekte.cache.CacheMetrics;
import berlin.projekte.cache.CountingSource;
import berlin.projekte.cache.EvictionReason;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.testsupport.Threads;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store's failure paths, each alone, on a private redis-server that the test freezes
 * (SIGSTOP: every command times out) or makes forget its scripts ({@code SCRIPT FLUSH}, as a
 * restart does). The background liveness task is stopped where it would race the test's own calls.
 * The store under test holds no near-copy lease, so every read goes to Redis: these are the failure
 * paths of the round trip. A lease's own are in {@link NearLeasesTest}.
 */
class RedisStoreFailureTest {

    private static final ListKey KEY = ListKey.PLANS;
    private final RedisProcess redis = new RedisProcess();
    private final LettuceConnectionFactory storeConnection = RedisFixtures.factory(redis.port, RedisFixtures.OUTAGE_TIMEOUT);
    private final LettuceConnectionFactory direct = RedisFixtures.factory(redis.port, RedisFixtures.TIMEOUT);
    private final CacheMetrics metrics = RedisFixtures.metrics("redis");
    private final RedisStore store = new RedisStore(storeConnection, "failure", Duration.ofMinutes(10), Duration.ZERO, metrics);
    private final CountingSource source = new CountingSource();
    private final ListCache cache = new ListCache(List.of(source), store, metrics, Clock.systemUTC(), Duration.ofHours(1), false);
    private final Logger storeLog = (Logger) LoggerFactory.getLogger(RedisStore.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Map<String, Double> errorsBefore = new HashMap<>();

    @AfterEach
    void close() {
        storeLog.detachAppender(logged);
        cache.stop();
        store.close();
        storeConnection.destroy();
        direct.destroy();
        redis.close();
    }

    /** Only the test calls {@link RedisStore#alive()} from now on. */
    private void stopHeartbeat() throws Exception {
        RedisFixtures.stopHeartbeat(store);
        // stopping it may have interrupted its first run: count from here
        CacheMetrics.REDIS_OPERATIONS.forEach(operation -> errorsBefore.put(operation, count(operation)));
    }

    /** The evicted key and another one are stored; only the test refreshes the liveness key. */
    private void twoKeysStoredWithoutHeartbeat() throws Exception {
        stopHeartbeat();
        cache.get(KEY, Language.DE);
        cache.get(ListKey.EXT_PROJECTS, Language.EN);
    }

    private double count(String operation) {
        return metrics.registry().get("projekte.cache.redis.errors").tag("operation", operation).counter().count();
    }

    /** Redis errors of this operation since the heartbeat was stopped. */
    private double errors(String operation) {
        return count(operation) - errorsBefore.getOrDefault(operation, 0.0);
    }

    private void flushScripts() {
        try (RedisConnection connection = direct.getConnection()) {
            connection.scriptingCommands().scriptFlush();
        }
    }

    private boolean aliveKeyExists() {
        try (RedisConnection connection = direct.getConnection()) {
            return Boolean.TRUE.equals(connection.keyCommands().exists("failure:{v2}:alive".getBytes()));
        }
    }

    private void deleteAliveKey() {
        try (RedisConnection connection = direct.getConnection()) {
            connection.keyCommands().del("failure:{v2}:alive".getBytes());
        }
    }

    private List<String> livenessMessages() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("liveness key")).toList();
    }

    @Test
    void everyScriptIsSentInFullWhenRedisHasForgottenIt() throws Exception {
        stopHeartbeat();
        flushScripts();
        store.alive();
        assertThat(store.trusted()).isTrue();
        flushScripts();
        assertThat(cache.get(KEY, Language.DE).hit()).isFalse(); // the read and the put, each sent in full
        flushScripts();
        assertThat(cache.get(KEY, Language.DE).hit()).isTrue();
        ListStore.Lookup lookup = store.get(KEY, Language.EN);
        ListStore.Entry entry = store.get(KEY, Language.DE).entry();
        flushScripts();
        assertThat(store.put(KEY, Language.EN, entry, lookup.token(), Duration.ofMinutes(1))).isTrue();
        flushScripts();
        assertThat(store.expired(KEY, Language.EN, entry)).isTrue();
        flushScripts();
        assertThat(store.evict(Set.of(KEY))).isEqualTo(Map.of(KEY, Set.of(Language.DE)));
        for (String operation : CacheMetrics.REDIS_OPERATIONS) {
            assertThat(errors(operation)).as(operation).isZero();
        }
        assertThat(store.trusted()).isTrue();
    }

    @Test
    void aTimedOutReadPutExpiryOrListingPausesReadsUntilTheNextRefreshAndKeepsTheEntries() throws Exception {
        stopHeartbeat();
        cache.get(KEY, Language.DE);
        ListStore.Entry entry = store.get(KEY, Language.DE).entry();
        assertThat(entry).isNotNull();
        Object token = store.get(KEY, Language.EN).token();

        redis.freeze();
        ListStore.Lookup frozen = store.get(KEY, Language.DE);
        assertThat(frozen.entry()).isNull();
        assertThat(frozen.token()).isSameAs(ListStore.NO_STORE);
        assertThat(store.get(KEY, Language.DE).token()).isSameAs(ListStore.NO_STORE);
        assertThat(errors("get")).as("the second read did not wait for Redis").isEqualTo(1);
        assertThat(store.trusted()).isFalse();
        assertThat(store.put(KEY, Language.EN, entry, token, Duration.ofMinutes(1))).as("not trusted: not sent").isFalse();
        assertThat(store.expired(KEY, Language.DE, entry)).isFalse();
        assertThat(errors("put") + errors("expired")).isZero();
        redis.thaw();
        store.alive();
        assertThat(store.trusted()).isTrue();

        redis.freeze();
        assertThat(store.put(KEY, Language.EN, entry, token, Duration.ofMinutes(1))).isFalse();
        assertThat(store.trusted()).isFalse();
        redis.thaw();
        store.alive();
        redis.freeze();
        assertThat(store.expired(KEY, Language.DE, entry)).isFalse();
        assertThat(store.trusted()).isFalse();
        redis.thaw();
        store.alive();
        redis.freeze();
        assertThat(cache.entries()).isEmpty();
        assertThat(store.trusted()).isFalse();
        redis.thaw();
        store.alive();
        redis.freeze();
        store.alive();
        assertThat(store.trusted()).isFalse();
        redis.thaw();
        store.alive();

        for (String operation : List.of("get", "put", "expired", "entries", "alive")) {
            assertThat(errors(operation)).as(operation).isEqualTo(1);
        }
        assertThat(store.trusted()).isTrue();
        assertThat(store.get(KEY, Language.DE).entry()).as("a timeout keeps the entries").isNotNull();
    }

    @Test
    void aTimedOutEvictionInvalidatesEverythingBeforeRedisIsTrustedAgain() throws Exception {
        twoKeysStoredWithoutHeartbeat();
        logged.start();
        storeLog.addAppender(logged);

        redis.freeze();
        source.version.set(2);
        assertThat(store.evict(Set.of(KEY))).as("outcome unknown").isEmpty();
        assertThat(errors("evict")).isEqualTo(1);
        assertThat(store.trusted()).isFalse();
        redis.thaw();
        store.alive();
        assertThat(store.trusted()).isTrue();
        assertThat(cache.entries()).as("every key invalidated, not only the evicted one").isEmpty();
        assertThat(livenessMessages()).as("the key was there: invalidated for the failure").isEmpty();
        assertThat(CountingSource.text(cache.get(KEY, Language.DE))).contains("\"version\":2");
    }

    @Test
    void anEvictionWhileNotTrustedIsRememberedAsAFailureOfUnknownOutcome() throws Exception {
        twoKeysStoredWithoutHeartbeat();
        redis.freeze();
        store.get(KEY, Language.DE); // times out: not trusted, nothing lost yet
        redis.thaw();
        cache.evict(Set.of(KEY), EvictionReason.CHANGE);
        store.alive();
        assertThat(store.trusted()).isTrue();
        assertThat(cache.entries()).as("every key invalidated before trusting Redis again").isEmpty();
    }

    @Test
    void aDroppedConnectionIsAFailureOfUnknownOutcome() throws Exception {
        TcpLink link = new TcpLink(redis.port);
        LettuceConnectionFactory linked = RedisFixtures.factory(link.port(), RedisFixtures.OUTAGE_TIMEOUT);
        RedisStore behindLink = new RedisStore(linked, "failure", Duration.ofMinutes(10), RedisFixtures.LEASE, RedisFixtures.metrics("redis"));
        try {
            RedisFixtures.stopHeartbeat(behindLink);
            cache.get(ListKey.EXT_PROJECTS, Language.EN); // through the direct link
            link.cut();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (behindLink.trusted()) {
                assertThat(System.nanoTime()).as("the lost connection noticed").isLessThan(deadline);
                RedisProcess.sleep(10);
            }
            link.restore();
            while (!behindLink.trusted()) { // Lettuce reconnects within a second
                assertThat(System.nanoTime()).as("trusted again").isLessThan(deadline + TimeUnit.SECONDS.toNanos(20));
                behindLink.alive();
                RedisProcess.sleep(10);
            }
            assertThat(cache.entries()).as("invalidated: an eviction may have been lost with the connection").isEmpty();
        } finally {
            behindLink.close();
            linked.destroy();
            link.close();
        }
    }

    @Test
    void aStoreThatCannotConnectAtStartIsNotTrustedFromTheFirstMoment() {
        LettuceConnectionFactory unreachable = RedisFixtures.factory(TestServices.closedPort(), RedisFixtures.OUTAGE_TIMEOUT);
        RedisStore notConnected = new RedisStore(unreachable, "failure", Duration.ofMinutes(10), RedisFixtures.LEASE, RedisFixtures.metrics("redis"));
        try {
            assertThat(notConnected.trusted()).isFalse();
        } finally {
            notConnected.close();
            unreachable.destroy();
        }
    }

    @Test
    void aMissingLivenessKeyIsLoggedAndInvalidatesEverything() throws Exception {
        stopHeartbeat();
        cache.get(KEY, Language.DE);
        logged.start();
        storeLog.addAppender(logged);
        deleteAliveKey();
        store.alive();
        List<String> missing = List.of("cache: liveness key failure:{v2}:alive was missing (first start, or Redis"
                + " restarted, flushed or frozen for over PT10M); invalidated every entry");
        assertThat(livenessMessages()).isEqualTo(missing);
        assertThat(cache.entries()).isEmpty();
        store.alive();
        assertThat(livenessMessages()).as("the key was there").isEqualTo(missing);
    }

    @Test
    void aStoreStartedWhileRedisIsUnreachableConnectsOnceItIsBack() {
        TcpLink link = new TcpLink(redis.port);
        link.cut();
        LettuceConnectionFactory linked = RedisFixtures.factory(link.port(), RedisFixtures.OUTAGE_TIMEOUT);
        RedisStore late = new RedisStore(linked, "failure", Duration.ofMinutes(10), RedisFixtures.LEASE, RedisFixtures.metrics("redis"));
        try {
            assertThat(late.trusted()).isFalse();
            link.restore();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!late.trusted()) { // the liveness task retries every 100 ms while not trusted
                assertThat(System.nanoTime()).as("connected").isLessThan(deadline);
                RedisProcess.sleep(10);
            }
        } finally {
            late.close();
            linked.destroy();
            link.close();
        }
    }

    @Test
    void closingTheStoreStopsItsLivenessTask() throws Exception {
        LettuceConnectionFactory own = RedisFixtures.factory(redis.port, RedisFixtures.TIMEOUT);
        RedisStore closed = new RedisStore(own, "closing", Duration.ofMinutes(10), RedisFixtures.LEASE, RedisFixtures.metrics("redis"));
        try {
            Field heartbeatField = RedisStore.class.getDeclaredField("heartbeat");
            heartbeatField.setAccessible(true);
            Field thread = RedisHeartbeat.class.getDeclaredField("thread");
            thread.setAccessible(true);
            ScheduledThreadPoolExecutor liveness = (ScheduledThreadPoolExecutor) thread.get(heartbeatField.get(closed));
            closed.close();
            assertThat(liveness.awaitTermination(10, TimeUnit.SECONDS)).as("the liveness task stopped").isTrue();
        } finally {
            closed.close();
            own.destroy();
        }
    }

    @Test
    void aReadThatFindsNoLivenessKeyIsAMissAndRefreshesItAtOnce() {
        // the heartbeat's first refresh, not one of the test's own: begun untrusted beside it, that one
        // would invalidate the entry stored below once it finished (a miss where a hit is asserted)
        RedisFixtures.awaitTrusted(store);
        cache.get(KEY, Language.DE);
        assertThat(cache.get(KEY, Language.DE).hit()).isTrue();
        deleteAliveKey();
        ListStore.Lookup lookup = store.get(KEY, Language.DE);
        assertThat(lookup.entry()).isNull();
        assertThat(lookup.token()).isSameAs(ListStore.NO_STORE);
        // the regular refresh is 2.5 minutes away (a quarter of the TTL): only the read's request brings it back
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!aliveKeyExists()) {
            if (System.nanoTime() > deadline) {
                fail("the liveness key was not refreshed at once");
            }
            RedisProcess.sleep(20);
        }
        assertThat(cache.entries()).as("invalidated with it").isEmpty();
    }

    /** What the cache and its health see: the store's name, and whether it trusts Redis; a shared read is a miss while it does not. */
    @Test
    void whileRedisIsNotTrustedTheStoreIsUnreachableAndASharedReadIsAMiss() throws Exception {
        stopHeartbeat();
        cache.get(KEY, Language.DE);
        assertThat(store.name()).isEqualTo("redis");
        assertThat(store.reachable()).isTrue();
        assertThat(store.getShared(KEY, Language.DE).entry()).as("a round trip, as the lease is zero anyway").isNotNull();
        redis.freeze();
        store.get(KEY, Language.EN); // times out
        redis.thaw();
        assertThat(store.reachable()).isFalse();
        ListStore.Lookup shared = store.getShared(KEY, Language.DE);
        assertThat(shared).isNotNull();
        assertThat(shared.entry()).isNull();
        assertThat(shared.token()).isSameAs(ListStore.NO_STORE);
    }

    /** A read answered after a failure was recorded meanwhile (maybe an eviction's) is not served. */
    @Test
    void aReadThatOverlappedAFailureIsAMiss() throws Exception {
        stopHeartbeat();
        cache.get(KEY, Language.DE);
        redis.freeze();
        AtomicReference<ListStore.Lookup> read = new AtomicReference<>();
        Thread reading = new Thread(() -> read.set(store.get(KEY, Language.DE)), "reading");
        reading.start();
        Threads.awaitWaitingIn(reading, RedisStore.class, "roundTrip"); // sent, not answered
        Field trust = RedisStore.class.getDeclaredField("trust");
        trust.setAccessible(true);
        ((RedisTrust) trust.get(store)).failed("evict", null); // as an eviction that failed meanwhile
        redis.thaw();
        reading.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(read.get()).isNotNull();
        assertThat(read.get().entry()).as("Redis answered, but after the failure").isNull();
        assertThat(read.get().token()).isSameAs(ListStore.NO_STORE);
    }

    /** A read interrupted while it waits for Redis (shutdown) is a miss, and the thread stays interrupted. */
    @Test
    void aReadInterruptedWhileWaitingForRedisIsAMissAndKeepsTheInterrupt() throws Exception {
        stopHeartbeat();
        cache.get(KEY, Language.DE);
        assertThat(store.get(KEY, Language.DE).entry()).isNotNull();
        redis.freeze();
        AtomicReference<ListStore.Lookup> read = new AtomicReference<>();
        AtomicBoolean stayedInterrupted = new AtomicBoolean();
        Thread reading = new Thread(() -> {
            read.set(store.get(KEY, Language.DE));
            stayedInterrupted.set(Thread.currentThread().isInterrupted());
        }, "reading");
        reading.start();
        Threads.awaitWaitingIn(reading, RedisStore.class, "roundTrip");
        reading.interrupt();
        reading.join(TimeUnit.SECONDS.toMillis(10));
        redis.thaw();
        assertThat(reading.isAlive()).isFalse();
        assertThat(read.get()).as("a lookup, never null").isNotNull();
        assertThat(read.get().entry()).isNull();
        assertThat(read.get().token()).as("no put may follow it").isSameAs(ListStore.NO_STORE);
        assertThat(stayedInterrupted).isTrue();
    }

    /**
     * Liveness refreshes that keep timing out replace the commands connection (a master that vanished
     * without a reset). What the old connection carried is of unknown outcome: Redis is trusted again
     * only after everything was invalidated, as after a lost connection.
     */
    @Test
    void aConnectionReplacedAfterRepeatedTimeoutsInvalidatesEverythingBeforeRedisIsTrustedAgain() throws Exception {
        twoKeysStoredWithoutHeartbeat();
        redis.freeze();
        for (int i = 0; i < RedisStore.TIMEOUTS_BEFORE_REPLACING; i++) {
            store.alive();
        }
        assertThat(errors("alive")).isEqualTo(RedisStore.TIMEOUTS_BEFORE_REPLACING);
        redis.thaw();
        store.alive();
        assertThat(store.trusted()).isTrue();
        assertThat(cache.entries()).as("invalidated: the replaced connection's commands are of unknown outcome").isEmpty();
    }

    /** Timeouts fewer than that keep the connection and, being timeouts on a live connection, the entries. */
    @Test
    void fewerTimedOutRefreshesKeepTheConnectionAndTheEntries() throws Exception {
        twoKeysStoredWithoutHeartbeat();
        redis.freeze();
        for (int i = 0; i < RedisStore.TIMEOUTS_BEFORE_REPLACING - 1; i++) {
            store.alive();
        }
        redis.thaw();
        store.alive();
        assertThat(store.trusted()).isTrue();
        assertThat(cache.entries()).as("a timeout keeps the entries").hasSize(2);
    }

    /** An error that is not a timeout (Redis refused the script) is a failure of unknown outcome, for a read as for a refresh. */
    @Test
    void aReadOrRefreshThatRedisRefusesIsAFailureOfUnknownOutcome() throws Exception {
        stopHeartbeat();
        assertThat(store.trusted()).isTrue();
        byte[] generation = ("failure:{v2}:" + KEY.logicalName() + ":gen").getBytes();
        try (RedisConnection connection = direct.getConnection()) {
            connection.keyCommands().del(generation);
            connection.hashCommands().hSet(generation, "not".getBytes(), "a generation".getBytes()); // WRONGTYPE in the read script
        }
        assertThat(store.get(KEY, Language.DE).token()).isSameAs(ListStore.NO_STORE);
        assertThat(store.trusted()).as("the refused read").isFalse();
        assertThat(errors("get")).isEqualTo(1);
        try (RedisConnection connection = direct.getConnection()) {
            connection.keyCommands().del(generation);
        }
        store.alive();
        assertThat(store.trusted()).isTrue();

        try (RedisConnection connection = direct.getConnection()) {
            connection.serverCommands().setConfig("maxmemory", "1"); // every write refused: OOM
        }
        try {
            store.alive();
            assertThat(store.trusted()).as("the refused refresh").isFalse();
            assertThat(errors("alive")).isEqualTo(1);
        } finally {
            try (RedisConnection connection = direct.getConnection()) {
                connection.serverCommands().setConfig("maxmemory", "0");
            }
        }
        store.alive();
        assertThat(store.trusted()).isTrue();
    }
}

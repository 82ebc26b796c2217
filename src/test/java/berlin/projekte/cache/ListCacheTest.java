package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.cache.redis.RedisStore;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.Threads;
import static berlin.projekte.cache.CountingSource.text;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.ExpectedEtag;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * ListCache against each real store (in-process Caffeine, and the real Redis): single flight, no
 * stale set under a deterministic race, expiry capped at the next status change.
 */
class ListCacheTest {

    private final List<AutoCloseable> closing = new ArrayList<>();
    private LettuceConnectionFactory redis;
    private String prefix;
    private final CountingSource source = new CountingSource();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (redis != null) {
            RedisKeys.deleteAll(prefix);
            redis.destroy();
        }
    }

    private ListStore store(String kind, Clock clock, CacheMetrics metrics) {
        ListStore store = switch (kind) {
            case "memory" -> new MemoryStore(clock, metrics);
            case "redis" -> {
                if (redis == null) {
                    redis = RedisFixtures.sharedFactory();
                    prefix = RedisKeys.uniquePrefix("listcache");
                }
                RedisStore r = new RedisStore(redis, prefix, Duration.ofSeconds(5), RedisFixtures.LEASE, metrics);
                RedisFixtures.awaitTrusted(r);
                yield r;
            }
            default -> throw new IllegalArgumentException(kind);
        };
        closing.add(store);
        return store;
    }

    private ListCache cache(ListStore store, CacheMetrics metrics, Clock clock) {
        ListCache cache = new ListCache(List.of(source), store, metrics, clock, Duration.ofHours(1), false);
        closing.add(cache::stop);
        return cache;
    }

    private ListCache cache(String kind) {
        CacheMetrics metrics = RedisFixtures.metrics(kind);
        Clock clock = Clock.systemUTC();
        return cache(store(kind, clock, metrics), metrics, clock);
    }

    /** A real store of this kind that the test can hold between two steps. */
    private SteppedStore stepped(String kind) {
        return new SteppedStore(store(kind, Clock.systemUTC(), RedisFixtures.metrics(kind)));
    }

    private ListCache cache(SteppedStore store) {
        return cache(store, RedisFixtures.metrics(store.name()), Clock.systemUTC());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void thirtyTwoThreadsMissingOneKeyComputeItOnce(String kind) throws Exception {
        SteppedStore store = stepped(kind);
        ListCache cache = cache(store);
        CountDownLatch allRead = store.countGets(32);
        source.release = new CountDownLatch(1); // the computation waits until every thread has read its miss
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<CachedList>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return cache.get(ListKey.PROJECTS_PAST, Language.DE);
                }));
            }
            go.countDown();
            assertThat(allRead.await(10, TimeUnit.SECONDS)).isTrue();
            source.release.countDown();
            for (Future<CachedList> result : results) {
                assertThat(text(result.get(10, TimeUnit.SECONDS))).contains("\"version\":1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.count(ListKey.PROJECTS_PAST, Language.DE)).isEqualTo(1);
        assertThat(cache.get(ListKey.PROJECTS_PAST, Language.DE).hit()).isTrue();
        assertThat(source.count(ListKey.PROJECTS_PAST, Language.DE)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aMissThatBecomesLeaderAfterAnotherFlightStoredTheEntryDoesNotComputeAgain(String kind) throws Exception {
        SteppedStore store = stepped(kind);
        ListCache cache = cache(store);
        SteppedStore.Pause firstRead = store.pauseAfterNextGet();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CachedList> first = pool.submit(() -> cache.get(ListKey.PLANS, Language.DE));
            assertThat(firstRead.reached()).isTrue();                // it read a miss, is not in flight yet
            CachedList second = cache.get(ListKey.PLANS, Language.DE); // another flight computes and stores meanwhile
            assertThat(second.hit()).isFalse();
            firstRead.proceed();                                     // now the first one leads a flight of its own
            CachedList result = first.get(10, TimeUnit.SECONDS);
            assertThat(text(result)).contains("\"version\":1");
            assertThat(result.hit()).as("found the other flight's entry").isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.count(ListKey.PLANS, Language.DE)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anEvictionBetweenTheCachesCheckAndThePutIsCaughtByTheStore(String kind) throws Exception {
        SteppedStore store = stepped(kind);
        ListCache cache = cache(store);
        SteppedStore.Pause put = store.pauseBeforeNextPut();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CachedList> old = pool.submit(() -> cache.get(ListKey.PLANS, Language.EN)); // computes version 1
            assertThat(put.reached()).isTrue();    // past the cache's own generation check, the put not yet in the store
            source.version.set(2);
            cache.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE); // the whole eviction lands now
            put.proceed();
            assertThat(text(old.get(10, TimeUnit.SECONDS))).contains("\"version\":1");
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.puts()).isEqualTo(1);
        assertThat(cache.entries()).as("the store refused the older result").doesNotContainKey(ListKey.PLANS);
        CachedList next = cache.get(ListKey.PLANS, Language.EN);
        assertThat(next.hit()).isFalse();
        assertThat(text(next)).contains("\"version\":2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anEvictionThatHasBegunButNotReachedTheStoreIsCaughtByTheCache(String kind) throws Exception {
        SteppedStore store = stepped(kind);
        ListCache cache = cache(store);
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CachedList> old = pool.submit(() -> cache.get(ListKey.PLANS, Language.EN)); // reads version 1
            assertThat(source.started.await(10, TimeUnit.SECONDS)).isTrue();
            SteppedStore.Pause evict = store.pauseBeforeNextEvict();
            source.version.set(2);
            Future<?> evicting = pool.submit(() -> cache.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE));
            assertThat(evict.reached()).isTrue();   // the eviction began; the store's generation is still the old one
            source.release.countDown();
            assertThat(text(old.get(10, TimeUnit.SECONDS))).contains("\"version\":1");
            assertThat(store.puts()).as("the older result never reached the store").isZero();
            assertThat(cache.entries()).doesNotContainKey(ListKey.PLANS);
            evict.proceed();
            evicting.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        source.started = null;
        source.release = null;
        CachedList next = cache.get(ListKey.PLANS, Language.EN);
        assertThat(next.hit()).isFalse();
        assertThat(text(next)).contains("\"version\":2");
        assertThat(cache.get(ListKey.PLANS, Language.EN).hit()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void anEvictionDuringASlowComputationLeavesNothingStale(String kind) throws Exception {
        ListCache cache = cache(kind);
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CachedList> slow = pool.submit(() -> cache.get(ListKey.PLANS, Language.EN)); // reads version 1
            assertThat(source.started.await(5, TimeUnit.SECONDS)).isTrue();
            source.version.set(2);                       // the change commits ...
            cache.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE); // ... and is evicted
            source.release.countDown();                  // the old computation finishes afterwards
            assertThat(text(slow.get(5, TimeUnit.SECONDS))).contains("\"version\":1");
        } finally {
            pool.shutdownNow();
        }
        source.started = null;
        source.release = null;
        assertThat(cache.entries()).doesNotContainKey(ListKey.PLANS); // nothing stored
        CachedList next = cache.get(ListKey.PLANS, Language.EN);
        assertThat(next.hit()).isFalse();
        assertThat(text(next)).contains("\"version\":2");
        assertThat(source.count(ListKey.PLANS, Language.EN)).isEqualTo(2);
        assertThat(cache.get(ListKey.PLANS, Language.EN).hit()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aReaderArrivingAfterAnEvictionDoesNotJoinTheOlderComputation(String kind) throws Exception {
        ListCache cache = cache(kind);
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CachedList> old = pool.submit(() -> cache.get(ListKey.PROJECTS, Language.DE));
            assertThat(source.started.await(5, TimeUnit.SECONDS)).isTrue();
            source.version.set(2);
            cache.evict(Set.of(ListKey.PROJECTS), EvictionReason.CHANGE);
            source.started = null;
            source.release = null;                       // the new computation does not block
            CachedList after = pool.submit(() -> cache.get(ListKey.PROJECTS, Language.DE)).get(5, TimeUnit.SECONDS);
            assertThat(text(after)).contains("\"version\":2");
            old.cancel(false);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void twoKeysMissedAtOnceAreTwoFlights(String kind) throws Exception {
        ListCache cache = cache(kind);
        List<ListKey> keys = List.of(ListKey.PROJECTS, ListKey.PROJECTS_ACTIVE);
        source.started = new CountDownLatch(keys.size()); // both compute at once
        source.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        try {
            List<Future<CachedList>> lists = new ArrayList<>();
            for (ListKey key : keys) {
                lists.add(pool.submit(() -> cache.get(key, Language.DE)));
            }
            assertThat(source.started.await(10, TimeUnit.SECONDS)).as("two flights").isTrue();
            source.release.countDown();
            for (int i = 0; i < keys.size(); i++) {
                assertThat(text(lists.get(i).get(10, TimeUnit.SECONDS))).contains("\"key\":\"" + keys.get(i).logicalName() + "\"");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void languagesAreSeparateEntries(String kind) {
        ListCache cache = cache(kind);
        assertThat(text(cache.get(ListKey.EXT_PROJECTS, Language.EN))).contains("\"lang\":\"en\"");
        assertThat(text(cache.get(ListKey.EXT_PROJECTS, Language.DE))).contains("\"lang\":\"de\"");
        CachedList en = cache.get(ListKey.EXT_PROJECTS, Language.EN);
        assertThat(en.hit()).isTrue();
        assertThat(text(en)).contains("\"lang\":\"en\"");
        assertThat(cache.entries()).containsEntry(ListKey.EXT_PROJECTS, Set.of(Language.DE, Language.EN));
        cache.evict(Set.of(ListKey.EXT_PROJECTS), EvictionReason.CHANGE);
        assertThat(cache.entries()).doesNotContainKey(ListKey.EXT_PROJECTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void perUserEntriesKeepNoGzipAndSharedOnesDo(String kind) throws Exception {
        ListCache cache = cache(kind);
        cache.get(ListKey.PRIVATE_PROJECTS, Language.DE);
        cache.get(ListKey.PROJECTS, Language.DE);
        CachedList privateList = cache.get(ListKey.PRIVATE_PROJECTS, Language.DE);
        CachedList projects = cache.get(ListKey.PROJECTS, Language.DE);
        assertThat(privateList.hit()).isTrue();
        assertThat(privateList.gzip()).isNull();
        assertThat(projects.hit()).isTrue();
        try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(projects.gzip()))) {
            assertThat(gunzip.readAllBytes()).isEqualTo(projects.body());
        }
        assertThat(projects.etag()).isEqualTo(ExpectedEtag.of(CountingSource.body(ListKey.PROJECTS, Language.DE, 1)));
        assertThat(privateList.etag()).isEqualTo(ExpectedEtag.of(CountingSource.body(ListKey.PRIVATE_PROJECTS, Language.DE, 1)));
    }

    @Test
    void memoryEntriesExpireAtTheNextStatusChangeByTheApplicationClock() {
        MutableClock clock = new MutableClock(ZoneId.of("Europe/Berlin"));
        Instant now = Instant.parse("2026-06-01T10:00:00Z");
        clock.set(now);
        CacheMetrics metrics = RedisFixtures.metrics("memory");
        ListCache cache = cache(store("memory", clock, metrics), metrics, clock);
        source.changesAt = now.plus(Duration.ofMinutes(10));
        assertThat(cache.get(ListKey.PROJECTS_FUTURE, Language.DE).hit()).isFalse();
        clock.advance(Duration.ofMinutes(9));
        assertThat(cache.get(ListKey.PROJECTS_FUTURE, Language.DE).hit()).isTrue();
        clock.advance(Duration.ofMinutes(1)); // exactly at the phase start
        assertThat(cache.get(ListKey.PROJECTS_FUTURE, Language.DE).hit()).isFalse();
        // without a status change ahead: the timeout (1 h)
        source.changesAt = null;
        assertThat(cache.get(ListKey.PROJECTS_FUTURE, Language.DE).hit()).isFalse();
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.get(ListKey.PROJECTS_FUTURE, Language.DE).hit()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.get(ListKey.PROJECTS_FUTURE, Language.DE).hit()).isFalse();
        assertThat(metrics.registry().get("projekte.cache.evictions").tag("key", "projects_futureParticipation")
                .tag("reason", "timeout").counter().count()).isEqualTo(2);
    }

    @Test
    void redisEntriesExpireAtTheNextStatusChange() throws Exception {
        // The application clock stands still, so the time to live is exactly the time to the status change
        // however slow the machine; Redis expires the entry by its own clock.
        MutableClock clock = new MutableClock(ZoneId.of("Europe/Berlin"));
        Instant now = Instant.parse("2026-06-01T10:00:00Z");
        clock.set(now);
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        ListCache cache = cache(store("redis", clock, metrics), metrics, clock);
        source.changesAt = now.plusMillis(1500);
        cache.get(ListKey.PROJECTS_ACTIVE, Language.DE);
        String key = RedisFixtures.physicalKey(prefix, ListKey.PROJECTS_ACTIVE, Language.DE);
        long pttl;
        try (var connection = redis.getConnection()) {
            pttl = connection.keyCommands().pTtl(key.getBytes());
        }
        assertThat(pttl).isBetween(1L, 1500L);
        assertThat(cache.get(ListKey.PROJECTS_ACTIVE, Language.DE).hit()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (RedisKeys.keys(prefix).contains(key)) {
            assertThat(System.nanoTime()).as("Redis expired the entry").isLessThan(deadline);
            Thread.sleep(20);
        }
        // the application clock reaches the change too (a near copy is checked against it, not Redis's)
        clock.set(now.plusMillis(1500));
        assertThat(cache.get(ListKey.PROJECTS_ACTIVE, Language.DE).hit()).isFalse();

        source.changesAt = null;
        cache.evict(Set.of(ListKey.PROJECTS_ACTIVE), EvictionReason.CHANGE);
        cache.get(ListKey.PROJECTS_ACTIVE, Language.DE);
        try (var connection = redis.getConnection()) {
            assertThat(connection.keyCommands().pTtl(key.getBytes())).isBetween(3_500_000L, 3_600_000L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"runtime", "error"})
    void aFailedComputationFailsEveryReaderOfItsFlightWithTheSameThrowable(String kind) throws Exception {
        ListCache cache = cache("memory");
        Throwable failure = kind.equals("error") ? new AssertionError("database gone") : new IllegalStateException("database gone");
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1);
        source.failure = failure;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CachedList> leader = pool.submit(() -> cache.get(ListKey.PLANS, Language.DE));
            assertThat(source.started.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch followerStarted = new CountDownLatch(1);
            Thread[] followerThread = new Thread[1];
            Future<CachedList> follower = pool.submit(() -> {
                followerThread[0] = Thread.currentThread();
                followerStarted.countDown();
                return cache.get(ListKey.PLANS, Language.DE);
            });
            assertThat(followerStarted.await(10, TimeUnit.SECONDS)).isTrue();
            awaitWaitingForTheFlight(followerThread[0]);
            source.release.countDown();
            for (Future<CachedList> reader : List.of(leader, follower)) {
                try {
                    reader.get(10, TimeUnit.SECONDS);
                    org.assertj.core.api.Assertions.fail("no failure");
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isSameAs(failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.count(ListKey.PLANS, Language.DE)).as("one flight").isEqualTo(1);
        source.failure = null;
        source.started = null;
        source.release = null;
        assertThat(cache.get(ListKey.PLANS, Language.DE).hit()).as("nothing stored").isFalse();
    }

    @Test
    void aReaderInterruptedWhileWaitingForAFlightFailsAndStaysInterrupted() throws Exception {
        ListCache cache = cache("memory");
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CachedList> leader = pool.submit(() -> cache.get(ListKey.PLANS, Language.EN));
            assertThat(source.started.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Thread> followerThread = new CompletableFuture<>();
            Future<Boolean> interruptedAfterFailing = pool.submit(() -> {
                followerThread.complete(Thread.currentThread());
                try {
                    cache.get(ListKey.PLANS, Language.EN);
                    return false;
                } catch (IllegalStateException e) {
                    return Thread.currentThread().isInterrupted();
                }
            });
            Thread follower = followerThread.get(10, TimeUnit.SECONDS);
            awaitWaitingForTheFlight(follower);
            follower.interrupt();
            assertThat(interruptedAfterFailing.get(10, TimeUnit.SECONDS)).isTrue();
            source.release.countDown();
            assertThat(text(leader.get(10, TimeUnit.SECONDS))).contains("\"key\":\"plans\"");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Until the thread waits for another thread's flight (its result future). */
    /** Until the thread waits for a flight (or to board one): a CompletableFuture frame alone may be its own {@code complete}. */
    private static void awaitWaitingForTheFlight(Thread thread) {
        Threads.awaitWaitingIn(thread, SingleFlight.class, "run");
    }

    /** A cache on a Redis store that never reached Redis, so distrusts it. */
    private ListCache distrustingCache() {
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        LettuceConnectionFactory unreachable = RedisFixtures.factory(TestServices.closedPort(), RedisFixtures.OUTAGE_TIMEOUT);
        closing.add(unreachable::destroy);
        RedisStore distrusting = new RedisStore(unreachable, RedisKeys.uniquePrefix("distrust"), Duration.ofSeconds(5),
                RedisFixtures.LEASE, metrics);
        closing.add(distrusting);
        assertThat(distrusting.reachable()).isFalse();
        return cache(distrusting, metrics, Clock.systemUTC());
    }

    /**
     * Issue 14, item 1: an instance that distrusts Redis (here: it never reached it) gets no generation
     * from the store, and another instance's eviction does not reach it at once. A read that begins
     * after another instance's write returned must still not join a computation that read the
     * database before that write.
     */
    @Test
    void onAnInstanceThatDistrustsRedisAReadNeverJoinsAComputationThatBeganBeforeIt() throws Exception {
        ListCache cache = distrustingCache();
        CountDownLatch release = new CountDownLatch(1);
        source.started = new CountDownLatch(1);
        source.release = release;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CachedList> early = pool.submit(() -> cache.get(ListKey.PROJECTS, Language.DE));
            assertThat(source.started.await(10, TimeUnit.SECONDS)).as("the early read has read the database").isTrue();
            source.started = null;
            source.release = null;
            source.version.set(2); // another instance's write commits, and its eviction returns
            CompletableFuture<Thread> laterThread = new CompletableFuture<>();
            Future<CachedList> later = pool.submit(() -> {
                laterThread.complete(Thread.currentThread());
                return cache.get(ListKey.PROJECTS, Language.DE);
            });
            awaitWaitingForTheFlight(laterThread.get(10, TimeUnit.SECONDS));
            release.countDown();
            assertThat(text(early.get(10, TimeUnit.SECONDS))).contains("\"version\":1");
            assertThat(text(later.get(10, TimeUnit.SECONDS))).as("the later read").contains("\"version\":2");
        } finally {
            pool.shutdownNow();
        }
    }

    /** On an instance that distrusts Redis, every read that arrives while a computation runs boards one next computation. */
    @Test
    void onAnInstanceThatDistrustsRedisTheReadsThatArriveDuringAComputationShareTheNext() throws Exception {
        ListCache cache = distrustingCache();
        CountDownLatch release = new CountDownLatch(1);
        source.started = new CountDownLatch(1);
        source.release = release;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<CachedList> early = pool.submit(() -> cache.get(ListKey.PROJECTS, Language.DE));
            assertThat(source.started.await(10, TimeUnit.SECONDS)).isTrue();
            source.started = null;
            source.release = null;
            List<Future<CachedList>> later = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                CompletableFuture<Thread> thread = new CompletableFuture<>();
                later.add(pool.submit(() -> {
                    thread.complete(Thread.currentThread());
                    return cache.get(ListKey.PROJECTS, Language.DE);
                }));
                awaitWaitingForTheFlight(thread.get(10, TimeUnit.SECONDS));
            }
            release.countDown();
            early.get(10, TimeUnit.SECONDS);
            for (Future<CachedList> read : later) {
                assertThat(text(read.get(10, TimeUnit.SECONDS))).contains("\"version\":1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(source.count(ListKey.PROJECTS, Language.DE)).as("the early read's computation and the next, shared").isEqualTo(2);
    }

    @Test
    void refreshAheadRecomputesEveryEvictedEntryThatWasServedAndNothingAfterStop() throws Exception {
        CacheMetrics metrics = RedisFixtures.metrics("memory");
        ListCache cache = new ListCache(List.of(source), store("memory", Clock.systemUTC(), metrics), metrics, Clock.systemUTC(),
                Duration.ofHours(1), true);
        closing.add(cache::stop);
        for (ListKey key : ListKey.values()) {
            for (Language language : Language.values()) {
                cache.get(key, language);
            }
        }
        source.started = new CountDownLatch(1);
        source.release = new CountDownLatch(1); // both refresh threads wait, the rest is queued
        cache.clear();
        assertThat(source.started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.awaitRefreshes(Duration.ofMillis(50))).as("still refreshing").isFalse();
        source.release.countDown();
        assertThat(cache.awaitRefreshes(Duration.ofSeconds(20))).isTrue();
        for (ListKey key : ListKey.values()) {
            for (Language language : Language.values()) {
                assertThat(source.count(key, language)).as(key + " " + language).isEqualTo(2);
            }
        }
        cache.stop();
        cache.evict(Set.of(ListKey.PLANS), EvictionReason.CHANGE);
        assertThat(cache.awaitRefreshes(Duration.ofSeconds(20))).isTrue();
        assertThat(source.count(ListKey.PLANS, Language.DE)).as("stopped: no refresh").isEqualTo(2);
    }

    @Test
    void withoutAStoreEveryReadComputesAndNothingIsKept() {
        CacheMetrics metrics = RedisFixtures.metrics("none");
        NoStore none = new NoStore();
        closing.add(none);
        ListCache cache = cache(none, metrics, Clock.systemUTC());
        assertThat(cache.storeName()).isEqualTo("none");
        CachedList first = cache.get(ListKey.PLANS, Language.DE);
        CachedList second = cache.get(ListKey.PLANS, Language.DE);
        assertThat(second.hit()).isFalse();
        assertThat(source.count(ListKey.PLANS, Language.DE)).isEqualTo(2);
        assertThat(first.gzip()).as("no gzip without a store").isNull();
        assertThat(first.generation()).as("nothing vouches for it").isNull();
        ListStore.Entry entry = new ListStore.Entry(first.body(), null, first.etag(), Instant.now().plusSeconds(60));
        assertThat(none.put(ListKey.PLANS, Language.DE, entry, 0L, Duration.ofMinutes(1))).isFalse();
        assertThat(none.evict(Set.of(ListKey.PLANS))).isEmpty();
        assertThat(cache.entries()).isEmpty();
        assertThat(cache.storeReachable()).isTrue();
    }

    @Test
    void anAlreadyPassedStatusChangeStoresNothing() {
        ListCache cache = cache("memory");
        source.changesAt = Instant.now().minusSeconds(1);
        cache.get(ListKey.PROJECTS, Language.DE);
        assertThat(cache.get(ListKey.PROJECTS, Language.DE).hit()).isFalse();
        assertThat(source.count(ListKey.PROJECTS, Language.DE)).isEqualTo(2);
    }

    /** The stored gzip is made at the fastest level: it halves a miss's cost (bench/README.md). */
    @Test
    void entriesAreGzippedAtTheFastestLevel() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i * 7919 % 1000)
                    .append(",\"name\":\"Projekt ").append(i).append("\",\"district\":\"Bezirk ").append(i % 12).append("\"}");
        }
        byte[] body = json.append("]").toString().getBytes(StandardCharsets.UTF_8);
        assertThat(ListCache.gzip(body)).isEqualTo(gzip(body, Deflater.BEST_SPEED))
                .as("the levels differ on this body").isNotEqualTo(gzip(body, Deflater.DEFAULT_COMPRESSION));
    }

    private static byte[] gzip(byte[] body, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(body);
        }
        return out.toByteArray();
    }
}

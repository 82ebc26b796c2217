package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.testsupport.RedisProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.projects.Kind;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link EvictionBus} alone, on the real PostgreSQL, without the application: instances are a bus
 * and a cache each, over a store that reports every eviction it gets (in order, so "nothing else
 * came first" needs no waiting).
 */
class EvictionNotificationsTest {

    private final String prefix = RedisKeys.uniquePrefix("notifications");
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** A memory store that queues the keys of every eviction it is asked for. */
    private static final class ReportingStore implements ListStore {
        final BlockingQueue<Set<ListKey>> evictions = new LinkedBlockingQueue<>();
        private final MemoryStore store;

        ReportingStore(CacheMetrics metrics) {
            store = new MemoryStore(Clock.systemUTC(), metrics);
        }

        Set<ListKey> next() throws InterruptedException {
            Set<ListKey> keys = evictions.poll(20, TimeUnit.SECONDS);
            if (keys == null) {
                fail("no eviction arrived");
            }
            return keys;
        }

        @Override
        public Map<ListKey, Set<Language>> evict(Set<ListKey> keys) {
            // reported once done: a test that took it from the queue may look at the store at once
            Map<ListKey, Set<Language>> present = store.evict(keys);
            evictions.add(Set.copyOf(keys));
            return present;
        }

        @Override
        public String name() {
            return store.name();
        }

        @Override
        public Lookup get(ListKey key, Language language) {
            return store.get(key, language);
        }

        @Override
        public boolean put(ListKey key, Language language, Entry entry, Object token, Duration ttl) {
            return store.put(key, language, entry, token, ttl);
        }

        @Override
        public Map<ListKey, Set<Language>> entries() {
            return store.entries();
        }
    }

    private record Instance(EvictionBus bus, ReportingStore store, ListCache cache, CacheMetrics metrics) {
    }

    /** Connections named after this test's prefix, so the test finds its listener among the database's. */
    private PGSimpleDataSource postgres() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestServices.postgresUrl());
        dataSource.setUser(TestServices.postgresUser());
        dataSource.setApplicationName(prefix);
        return dataSource;
    }

    private Instance instance(javax.sql.DataSource dataSource, String prefix, boolean listening) {
        CacheMetrics metrics = RedisFixtures.metrics("redis");
        ReportingStore store = new ReportingStore(metrics);
        ListCache cache = new ListCache(List.of(new CountingSource()), store, metrics, Clock.systemUTC(), Duration.ofHours(1), true);
        EvictionBus bus = new EvictionBus(dataSource, cache,
                new CacheProperties(CacheProperties.Store.REDIS, Duration.ofHours(1), prefix, true, Duration.ofSeconds(2), Duration.ofSeconds(1)), metrics);
        closing.add(store);
        closing.add(cache::stop);
        closing.add(bus::stop);
        if (listening) {
            bus.start();
            awaitListening(bus);
            assertThat(store.evictions.poll()).as("what it may have missed before it listened (LostEvictionTest)")
                    .isEqualTo(EnumSet.allOf(ListKey.class));
        }
        return new Instance(bus, store, cache, metrics);
    }

    private static void awaitListening(EvictionBus bus) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!bus.listening()) {
            if (System.nanoTime() > deadline) {
                fail("the bus does not listen");
            }
            RedisProcess.sleep(10);
        }
    }

    @Test
    void anotherInstancesChangeIsEvictedHereAndItsLatencyMeasured() throws Exception {
        Instance writer = instance(postgres(), prefix, true);
        Instance reader = instance(postgres(), prefix, true);
        reader.cache().get(ListKey.EXT_PROJECTS, Language.DE);
        writer.bus().record(new ProjectChanged(Kind.EXTERNAL));
        assertThat(reader.store().next()).isEqualTo(Set.of(ListKey.EXT_PROJECTS, ListKey.PLANS));
        assertThat(reader.cache().entries()).isEmpty();
        assertThat(reader.cache().awaitRefreshes(Duration.ofSeconds(10))).isTrue();
        assertThat(reader.cache().entries()).as("the writer refreshes, not the others").isEmpty();
        Timer latency = reader.metrics().registry().get("projekte.cache.eviction.notification").timer();
        // recorded once the evictions are applied, just after the store reported them: wait for it (10 s: a failure guard)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (latency.count() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.max(TimeUnit.DAYS)).as("from the commit's clock reading, not from 1970").isLessThan(1);
    }

    @Test
    void ownNotificationsAndThoseOfAnotherPrefixAreIgnored() throws Exception {
        Instance a = instance(postgres(), prefix, true);
        Instance b = instance(postgres(), prefix, true);
        Instance elsewhere = instance(postgres(), prefix + "-other", false);
        a.bus().record(new PlanChanged());
        elsewhere.bus().record(new PlanChanged());
        b.bus().record(new MembershipChanged("moderators"));
        assertThat(a.store().next()).as("the first one A applies: B's").isEqualTo(Set.of(ListKey.PRIVATE_PROJECTS));
        assertThat(b.store().next()).isEqualTo(EnumSet.allOf(ListKey.class));
    }

    @Test
    void aListenerThatLostItsConnectionEvictsEverythingOnceItListensAgain() throws Exception {
        Instance a = instance(postgres(), prefix, true);
        JdbcTemplate jdbc = new JdbcTemplate(postgres());
        int terminated = jdbc.queryForObject("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name = ? and query like 'listen%'", Integer.class, prefix);
        assertThat(terminated).isEqualTo(1);
        assertThat(a.store().next()).isEqualTo(EnumSet.allOf(ListKey.class));
        awaitListening(a.bus());
        Instance b = instance(postgres(), prefix, false);
        b.bus().record(new MembershipChanged("group members"));
        assertThat(a.store().next()).as("listening again").isEqualTo(Set.of(ListKey.PRIVATE_PROJECTS));
    }

    @Test
    void onlyOnPostgresqlAndOnlyOneListener() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bus;DB_CLOSE_DELAY=-1");
        Instance embedded = instance(h2, prefix, false);
        embedded.bus().start();
        assertThat(embedded.bus().isRunning()).isFalse();
        embedded.bus().record(new PlanChanged()); // no NOTIFY on H2: nothing to fail

        Instance a = instance(postgres(), prefix, true);
        assertThat(a.bus().isRunning()).isTrue();
        a.bus().stop();
        assertThat(a.bus().isRunning()).isFalse();
    }
}

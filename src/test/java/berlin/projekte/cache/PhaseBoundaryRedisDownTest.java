package berlin.projekte.cache;

import static berlin.projekte.cache.BoundaryReads.LISTS;
import static berlin.projekte.cache.BoundaryReads.awaitUntil;
import static berlin.projekte.cache.BoundaryReads.counted;
import static berlin.projekte.cache.BoundaryReads.titles;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances on one PostgreSQL and one real Redis, which they reach through a {@link TcpLink} the test
 * freezes (a Redis that answers nothing), no transition job, application clocks moved by hand: with Redis
 * down across the preparation and the instant, each instance prepares the lists in process and serves
 * them from the instant on; a write in between is in the list served at the instant, also on an instance
 * the write's eviction has not reached yet; and what was prepared while Redis was down is not served
 * once Redis is trusted again (docs/cache-coherence.md, "Redis down at the instant").
 */
class PhaseBoundaryRedisDownTest {

    static final String PREFIX = RedisKeys.uniquePrefix("boundary-redis-down");
    private static final String TITLE = "Spielplatz Ölmühle";
    private static final String RENAMED = "Spielplatz am Park";
    private static final String PREPARATIONS = "projekte.cache.preparations";

    private static TcpLink link;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static JdbcTemplate jdbc;

    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);
    private final BoundaryReads reads = new BoundaryReads();
    private Instant start;
    private long project;

    @BeforeAll
    static void startTwoInstances() {
        link = new TcpLink(TestServices.redisPort());
        a = instance();
        b = instance();
        jdbc = a.getBean(JdbcTemplate.class);
    }

    private static ConfigurableApplicationContext instance() {
        return BoundaryReads.instance(PREFIX, link.port(), "--spring.data.redis.timeout=500ms",
                "--projekte.cache.bus-wait=5s"); // a loaded machine may delay the marker: that must not look like a lost one
    }

    @AfterAll
    static void stop() {
        TestInstances.stop(PREFIX, a, b);
        link.close();
    }

    @BeforeEach
    void world() {
        reads.instances.addAll(List.of(a, b));
        awaitTrusted();
        TestData.reset(jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.user("admin", true);
        long organisation = fixtures.organisation("Bezirksamt Mitte");
        start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        project = fixtures.project(TITLE, organisation).module(Fixtures.phase(start, start.plusSeconds(30))).insert();
        reads.clocks(start.minusSeconds(60));
        a.getBean(ListCache.class).clear();
    }

    @AfterEach
    void realTime() {
        link.restore();
        for (ConfigurableApplicationContext instance : List.of(a, b)) {
            instance.getBean(MutableClock.class).reset();
            EvictionBus bus = instance.getBean(EvictionBus.class);
            if (!bus.isRunning()) {
                bus.start();
                awaitUntil("the bus listens again", bus::listening);
            }
        }
    }

    @Test
    void withRedisDownAcrossPreparationAndInstantEachInstancePreparesItsOwnAndTheFirstReadsAfterTheInstantArePreparedHits() {
        reads.readEveryList(); // Redis trusted: the entries end at the start
        Map<ConfigurableApplicationContext, Double> served = reads.counts("projekte.cache.prepared.served");
        Map<ConfigurableApplicationContext, Double> misses = reads.counts("projekte.cache.boundary.misses");
        cutOff();

        prepareInProcess(start.minusSeconds(2));
        reads.clocks(start);
        reads.firstReadsAreHits("activeParticipation", TITLE, null);
        for (ConfigurableApplicationContext instance : reads.instances) {
            assertThat(instance.getBean(ListCache.class).storeReachable()).as("Redis still down").isFalse();
            assertThat(counted(instance, "projekte.cache.prepared.served") - served.get(instance)).isGreaterThanOrEqualTo(LISTS.size());
            assertThat(counted(instance, "projekte.cache.boundary.misses") - misses.get(instance)).isZero();
        }
    }

    @Test
    void aWriteBetweenPreparationAndInstantWithRedisDownIsInTheListServedAtTheInstantOnEachInstance() {
        reads.readEveryList();
        cutOff();
        prepareInProcess(start.minusSeconds(2));

        Map<ConfigurableApplicationContext, Double> before = reads.counts(PREPARATIONS);
        rename(); // A evicts its own lists; B learns it through the bus; both prepare again
        awaitPreparedSince(before);
        reads.clocks(start);
        reads.firstReadsAreHits("activeParticipation", RENAMED, TITLE);
    }

    @Test
    void anInstanceThatHasNotHeardOfAWriteYetComputesTheListInsteadOfServingWhatItPrepared() {
        reads.readEveryList();
        cutOff();
        prepareInProcess(start.minusSeconds(2));
        EvictionBus bus = b.getBean(EvictionBus.class);
        bus.stop(); // B does not hear of A's write (as if its notification were late): its marker cannot come back
        awaitUntil("B's bus stopped", () -> !bus.listening());
        double served = counted(b, "projekte.cache.prepared.served");

        rename();
        reads.clocks(start);
        for (String path : LISTS.keySet()) {
            Http.Response response = TestInstances.http(b).get(path);
            assertThat(titles(response)).as(path).doesNotContain(TITLE);
            assertThat(response.header(ListResponses.X_CACHE)).as(path).isEqualTo("MISS");
        }
        assertThat(counted(b, "projekte.cache.prepared.served")).isEqualTo(served);
    }

    @Test
    void whatWasPreparedWhileRedisWasDownIsNotServedOnceRedisIsTrustedAgain() {
        reads.readEveryList();
        cutOff();
        prepareInProcess(start.minusSeconds(2));

        link.restore();
        awaitTrusted();
        ListCache cache = b.getBean(ListCache.class);
        for (ListKey key : LISTS.values()) {
            awaitUntil(key.logicalName() + " dropped on B", () -> !cache.preparedHere(key, Language.DE));
        }
        // an eviction B cannot hear of while Redis is down: data fixed around the application, the cache cleared on A
        jdbc.update("update project set name = ? where id = ?", RENAMED, project);
        a.getBean(ListCache.class).clear();

        Map<ConfigurableApplicationContext, Double> before = reads.counts(PREPARATIONS);
        cutOff(); // the clocks are in the lead already: each instance prepares in process again
        awaitPreparedSince(before);
        reads.clocks(start);
        reads.firstReadsAreHits("activeParticipation", RENAMED, TITLE);
    }

    private void rename() {
        Http.Response written = TestInstances.http(a).send("PATCH", "/api/admin/projects/" + project,
                "{\"name\": \"" + RENAMED + "\"}", "Authorization", asAdmin);
        assertThat(written.status()).as(written.text()).isEqualTo(200);
    }

    /** Redis answers nothing from now on: until both instances no longer trust it. */
    private void cutOff() {
        link.freeze();
        for (ConfigurableApplicationContext instance : reads.instances) {
            awaitUntil("Redis distrusted", () -> !instance.getBean(ListCache.class).storeReachable());
        }
    }

    private void awaitTrusted() {
        for (ConfigurableApplicationContext instance : reads.instances) {
            awaitUntil("Redis trusted", () -> instance.getBean(ListCache.class).storeReachable());
        }
    }

    /** Moves the clocks into the lead before the instant and waits until each instance prepared every list. */
    private void prepareInProcess(Instant at) {
        Map<ConfigurableApplicationContext, Double> before = reads.counts(PREPARATIONS);
        reads.clocks(at);
        awaitPreparedSince(before);
    }

    /** Until each instance prepared every list (again) since these counts, and holds it in process. */
    private void awaitPreparedSince(Map<ConfigurableApplicationContext, Double> before) {
        for (ConfigurableApplicationContext instance : reads.instances) {
            ListCache cache = instance.getBean(ListCache.class);
            awaitUntil("every list prepared in process", () -> counted(instance, PREPARATIONS) - before.get(instance) >= LISTS.size()
                    && LISTS.values().stream().allMatch(key -> cache.preparedHere(key, Language.DE)));
        }
    }
}

package berlin.projekte.cache;

import static berlin.projekte.cache.BoundaryReads.LISTS;
import static berlin.projekte.cache.BoundaryReads.awaitUntil;
import static berlin.projekte.cache.BoundaryReads.counted;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.projects.TransitionJob;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Two instances on one PostgreSQL and one Redis, with no transition job (the test profile), their
 * application clocks moved by hand: at a phase start and at a phase end, the first read of each list
 * after the instant, on each instance, is a hit and right, because the list as of the instant was
 * prepared before it (by one instance; the other finds it in Redis). Also: a third instance started
 * between preparation and the instant (its start invalidates every list), and a change written
 * between preparation and the instant.
 */
class PhaseBoundaryInstancesTest {

    static final String PREFIX = RedisKeys.uniquePrefix("phase-boundary");
    private static final String TITLE = "Spielplatz Ölmühle";

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static JdbcTemplate jdbc;

    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);
    private final BoundaryReads reads = new BoundaryReads();
    private final List<ConfigurableApplicationContext> instances = reads.instances;
    private Instant start;
    private Instant end;
    private long project;

    @BeforeAll
    static void startTwoInstances() {
        a = instance();
        b = instance();
        jdbc = a.getBean(JdbcTemplate.class);
    }

    private static ConfigurableApplicationContext instance() {
        return BoundaryReads.instance(PREFIX, TestServices.redisPort());
    }

    @AfterAll
    static void stop() {
        TestInstances.stop(PREFIX, a, b);
    }

    @BeforeEach
    void world() {
        instances.clear();
        instances.addAll(List.of(a, b));
        TestData.reset(jdbc);
        // No previous run of the transition job: another class on this database may have left one
        // (TransitionTest's, months back), and a run would evict every phase start or end since then.
        jdbc.update("delete from transition_check");
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.user("admin", true);
        long organisation = fixtures.organisation("Bezirksamt Mitte");
        start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        end = start.plusSeconds(30);
        project = fixtures.project(TITLE, organisation).module(Fixtures.phase(start, end)).insert();
        fixtures.project("Radweg Invalidenstraße", organisation)
                .module(Fixtures.phase(start.minus(Duration.ofDays(3)), start.plus(Duration.ofDays(3)))).insert();
        reads.clocks(start.minusSeconds(60));
        a.getBean(ListCache.class).clear();
    }

    @AfterEach
    void realTime() {
        for (ConfigurableApplicationContext instance : List.of(a, b)) {
            instance.getBean(MutableClock.class).reset();
        }
    }

    @Test
    void atAPhaseStartAndAtAPhaseEndTheFirstReadAfterTheInstantOnEachInstanceIsAHitAndRight() {
        Map<ConfigurableApplicationContext, Double> served = reads.counts("projekte.cache.prepared.served");
        Map<ConfigurableApplicationContext, Double> misses = reads.counts("projekte.cache.boundary.misses");
        double prepared = counted(a, "projekte.cache.preparations") + counted(b, "projekte.cache.preparations");
        reads.readEveryList();

        reads.clocks(start.minusSeconds(2));
        awaitPrepared(start);
        reads.clocks(start);
        reads.firstReadsAreHits("activeParticipation", TITLE, null);

        reads.clocks(end.minusSeconds(2));
        reads.readEveryList(); // the lists as of the start, whose entries end at the end
        awaitPrepared(end);
        reads.clocks(end);
        reads.firstReadsAreHits("pastParticipation", TITLE, null);

        for (ConfigurableApplicationContext instance : instances) {
            assertThat(counted(instance, "projekte.cache.prepared.served") - served.get(instance)).isGreaterThanOrEqualTo(2 * LISTS.size());
            assertThat(counted(instance, "projekte.cache.boundary.misses") - misses.get(instance)).isZero();
        }
        assertThat(counted(a, "projekte.cache.preparations") + counted(b, "projekte.cache.preparations") - prepared)
                .as("each list prepared once per instant, by one instance or, racing, by both")
                .isBetween(2.0 * LISTS.size(), 4.0 * LISTS.size());
    }

    @Test
    void anInstanceStartedBetweenPreparationAndTheInstantFindsTheListsPreparedAgain() {
        reads.readEveryList();
        reads.clocks(start.minusSeconds(2));
        awaitPrepared(start);

        double prepared = counted(a, "projekte.cache.preparations") + counted(b, "projekte.cache.preparations");
        ConfigurableApplicationContext c = instance(); // its start invalidates every list, the prepared ones too
        try {
            c.getBean(MutableClock.class).set(start.minusSeconds(2));
            instances.add(c);
            awaitUntil("the new instance trusts Redis", () -> c.getBean(ListCache.class).storeReachable());
            awaitPrepared(start); // A and B prepare again the lists they read
            assertThat(counted(a, "projekte.cache.preparations") + counted(b, "projekte.cache.preparations") - prepared)
                    .as("the start invalidated every list: prepared again").isGreaterThanOrEqualTo(LISTS.size());

            reads.clocks(start);
            reads.firstReadsAreHits("activeParticipation", TITLE, null);
        } finally {
            instances.remove(c);
            c.close();
        }
    }

    @Test
    void aChangeWrittenBetweenPreparationAndTheInstantIsInTheListServedAtTheInstant() {
        reads.readEveryList();
        reads.clocks(start.minusSeconds(2));
        awaitPrepared(start);

        Http.Response written = TestInstances.http(a).send("PATCH", "/api/admin/projects/" + project,
                "{\"name\": \"Spielplatz am Park\"}", "Authorization", asAdmin);
        assertThat(written.status()).as(written.text()).isEqualTo(200);
        awaitPrepared(start); // A recomputes the evicted lists (refresh-ahead) and prepares them again

        reads.clocks(start);
        for (ConfigurableApplicationContext instance : instances) {
            Http.Response active = TestInstances.http(instance).get("/api/projects/?status=activeParticipation");
            assertThat(active.text()).contains("\"title\":\"Spielplatz am Park\"").doesNotContain("\"title\":\"Spielplatz Ölmühle\"");
            assertThat(active.header(ListResponses.X_CACHE)).isEqualTo("HIT");
        }
    }

    @Test
    void twoPhaseBoundariesAFewMillisecondsApartAreBothHitsOnEachInstance() {
        String fountain = "Brunnen am Markt";
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.project(fountain, jdbc.queryForObject("select id from organisation", Long.class))
                .module(Fixtures.phase(start.plusMillis(5), start.plus(Duration.ofHours(1)))).insert();
        a.getBean(ListCache.class).clear(); // inserted around the application
        reads.readEveryList();

        reads.clocks(start.minusSeconds(2));
        awaitPrepared(start.plusMillis(5)); // a chain: the list as of the start, then as of 5 ms later
        reads.clocks(start.plusMillis(1));
        reads.firstReadsAreHits("futureParticipation", fountain, null);
        reads.clocks(start.plusMillis(5));
        reads.firstReadsAreHits("activeParticipation", fountain, null);
    }

    @Test
    void aPhaseMovedByAWriteAfterItsListWasPreparedIsRightAtBothInstants() {
        reads.readEveryList();
        reads.clocks(start.minusSeconds(2));
        awaitPrepared(start);

        Instant moved = start.plusSeconds(60);
        Http.Response written = TestInstances.http(a).send("PATCH", "/api/admin/projects/" + project,
                "{\"modules\": [{\"name\": \"Beteiligung\", \"phases\": [{\"name\": \"Online\", \"start_date\": \"" + moved
                        + "\", \"end_date\": \"" + moved.plusSeconds(30) + "\"}]}]}", "Authorization", asAdmin);
        assertThat(written.status()).as(written.text()).isEqualTo(200);

        reads.clocks(start); // the old instant: the project stays future
        for (ConfigurableApplicationContext instance : instances) {
            for (String path : LISTS.keySet()) {
                boolean expected = path.equals("/api/projects/") || path.endsWith("futureParticipation");
                assertThat(BoundaryReads.titles(TestInstances.http(instance).get(path)).contains(TITLE)).as(path).isEqualTo(expected);
            }
        }
        reads.clocks(moved.minusSeconds(2));
        reads.readEveryList();
        awaitPrepared(moved);
        reads.clocks(moved);
        reads.firstReadsAreHits("activeParticipation", TITLE, null);
    }

    @Test
    void theTransitionJobLeavesTheListsPreparedForTheInstantAndEvictsTheOthers() {
        reads.readEveryList();
        assertThat(TestInstances.http(a).get("/api/extprojects/").status()).isEqualTo(200); // ends at its timeout only
        reads.clocks(start.minusSeconds(2));
        awaitPrepared(start);
        double evictedBefore = transitionEvictions(ListKey.PROJECTS_ACTIVE);
        double extBefore = transitionEvictions(ListKey.EXT_PROJECTS);

        // no previous run of another test class: its window would take in instants of this test's data long past
        jdbc.update("delete from shedlock");
        jdbc.update("delete from transition_check");
        reads.clocks(start);
        a.getBean(TransitionJob.class).run(); // the start is due: evicted at once, as a late run would

        assertThat(transitionEvictions(ListKey.PROJECTS_ACTIVE) - evictedBefore).as("prepared for the start: left").isZero();
        assertThat(transitionEvictions(ListKey.EXT_PROJECTS) - extBefore).as("not prepared: evicted").isEqualTo(1);
        reads.firstReadsAreHits("activeParticipation", TITLE, null);
    }

    private double transitionEvictions(ListKey key) {
        return a.getBean(MeterRegistry.class).find("projekte.cache.evictions").tag("reason", "transition")
                .tag("key", key.logicalName()).counter().count();
    }

    /** Until every instance's own view of every list (its near copy) holds the list as of {@code instant}. */
    private void awaitPrepared(Instant instant) {
        for (ConfigurableApplicationContext instance : instances) {
            ListStore store = instance.getBean(ListStore.class);
            for (ListKey key : LISTS.values()) {
                awaitUntil(key.logicalName() + " prepared for " + instant, () -> {
                    ListStore.Entry entry = store.get(key, Language.DE).entry();
                    return entry != null && entry.end().isAfter(instant);
                });
            }
        }
    }

}

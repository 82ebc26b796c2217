package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import berlin.projekte.projects.TransitionJob;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import berlin.projekte.web.Language;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

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
    /** The lists of {@code /api/projects/}, by path, and the status each one shows. */
    private static final Map<String, ListKey> LISTS = Map.of(
            "/api/projects/", ListKey.PROJECTS,
            "/api/projects/?status=activeParticipation", ListKey.PROJECTS_ACTIVE,
            "/api/projects/?status=futureParticipation", ListKey.PROJECTS_FUTURE,
            "/api/projects/?status=pastParticipation", ListKey.PROJECTS_PAST);

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static JdbcTemplate jdbc;

    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
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
        return TestInstances.startOnMutableClock("--projekte.cache.store=redis",
                "--projekte.cache.key-prefix=" + PREFIX,
                "--projekte.cache.prepare-ahead=5s",
                "--projekte.cache.refresh-ahead=true",
                // a loaded machine may stall a JVM for seconds; that must not look like a Redis outage here
                "--projekte.cache.alive-ttl=5m",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + TestServices.redisPort());
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
        project = fixtures.project("Spielplatz Ölmühle", organisation).module(Fixtures.phase(start, end)).insert();
        fixtures.project("Radweg Invalidenstraße", organisation)
                .module(Fixtures.phase(start.minus(Duration.ofDays(3)), start.plus(Duration.ofDays(3)))).insert();
        clocks(start.minusSeconds(60));
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
        Map<ConfigurableApplicationContext, Double> served = counts("projekte.cache.prepared.served");
        Map<ConfigurableApplicationContext, Double> misses = counts("projekte.cache.boundary.misses");
        double prepared = counted(a, "projekte.cache.preparations") + counted(b, "projekte.cache.preparations");
        readEveryList();

        clocks(start.minusSeconds(2));
        awaitPrepared(start);
        clocks(start);
        firstReadsAreHits("activeParticipation");

        clocks(end.minusSeconds(2));
        readEveryList(); // the lists as of the start, whose entries end at the end
        awaitPrepared(end);
        clocks(end);
        firstReadsAreHits("pastParticipation");

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
        readEveryList();
        clocks(start.minusSeconds(2));
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

            clocks(start);
            firstReadsAreHits("activeParticipation");
        } finally {
            instances.remove(c);
            c.close();
        }
    }

    @Test
    void aChangeWrittenBetweenPreparationAndTheInstantIsInTheListServedAtTheInstant() {
        readEveryList();
        clocks(start.minusSeconds(2));
        awaitPrepared(start);

        Http.Response written = TestInstances.http(a).send("PATCH", "/api/admin/projects/" + project,
                "{\"name\": \"Spielplatz am Park\"}", "Authorization", asAdmin);
        assertThat(written.status()).as(written.text()).isEqualTo(200);
        awaitPrepared(start); // A recomputes the evicted lists (refresh-ahead) and prepares them again

        clocks(start);
        for (ConfigurableApplicationContext instance : instances) {
            Http.Response active = TestInstances.http(instance).get("/api/projects/?status=activeParticipation");
            assertThat(active.text()).contains("\"title\":\"Spielplatz am Park\"").doesNotContain("\"title\":\"Spielplatz Ölmühle\"");
            assertThat(active.header(ListResponses.X_CACHE)).isEqualTo("HIT");
        }
    }

    @Test
    void theTransitionJobLeavesTheListsPreparedForTheInstantAndEvictsTheOthers() {
        readEveryList();
        assertThat(TestInstances.http(a).get("/api/extprojects/").status()).isEqualTo(200); // ends at its timeout only
        clocks(start.minusSeconds(2));
        awaitPrepared(start);
        double evictedBefore = transitionEvictions(ListKey.PROJECTS_ACTIVE);
        double extBefore = transitionEvictions(ListKey.EXT_PROJECTS);

        clocks(start);
        a.getBean(TransitionJob.class).run(); // the start is due: evicted at once, as a late run would

        assertThat(transitionEvictions(ListKey.PROJECTS_ACTIVE) - evictedBefore).as("prepared for the start: left").isZero();
        assertThat(transitionEvictions(ListKey.EXT_PROJECTS) - extBefore).as("not prepared: evicted").isEqualTo(1);
        firstReadsAreHits("activeParticipation");
    }

    private double transitionEvictions(ListKey key) {
        return a.getBean(MeterRegistry.class).find("projekte.cache.evictions").tag("reason", "transition")
                .tag("key", key.logicalName()).counter().count();
    }

    /** Every list on every instance, in order, so that each instance watches when its entries end. */
    private void readEveryList() {
        for (ConfigurableApplicationContext instance : instances) {
            for (String path : LISTS.keySet()) {
                assertThat(TestInstances.http(instance).get(path).status()).isEqualTo(200);
            }
        }
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

    /** The first read of each list after the instant, on each instance: a hit, the project in {@code status} only. */
    private void firstReadsAreHits(String status) {
        for (ConfigurableApplicationContext instance : instances) {
            Http http = TestInstances.http(instance);
            for (String path : LISTS.keySet()) {
                Http.Response response = http.get(path);
                assertThat(response.header(ListResponses.X_CACHE)).as(path).isEqualTo("HIT");
                JsonNode items = response.json();
                boolean listed = false;
                for (JsonNode item : items) {
                    listed |= item.get("title").asString().equals("Spielplatz Ölmühle");
                }
                boolean expected = path.equals("/api/projects/") || path.endsWith(status);
                assertThat(listed).as("Spielplatz Ölmühle in " + path).isEqualTo(expected);
            }
        }
    }

    private void clocks(Instant instant) {
        for (ConfigurableApplicationContext instance : instances) {
            instance.getBean(MutableClock.class).set(instant);
        }
    }

    private Map<ConfigurableApplicationContext, Double> counts(String meter) {
        Map<ConfigurableApplicationContext, Double> counts = new java.util.HashMap<>();
        instances.forEach(instance -> counts.put(instance, counted(instance, meter)));
        return counts;
    }

    private static double counted(ConfigurableApplicationContext instance, String meter) {
        return instance.getBean(MeterRegistry.class).find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void awaitUntil(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 30 s: " + what);
            }
            RedisProcess.sleep(20);
        }
    }
}

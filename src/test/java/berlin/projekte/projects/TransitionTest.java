package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A phase start or end moves its project between the status lists at that instant, without any
 * write: (a) through the transition job run at or after the instant, which evicts exactly the keys
 * of docs/cache.md (phase transitions); (b) with the job disabled, through the entries' expiry cap alone; (c) for a phase
 * created between two job runs, through the job's window since its previous run. Redis store on
 * the real Redis; refresh-ahead off, so an evicted entry stays evicted until the next request.
 */
class TransitionTest extends PostgresTest {

    static final String PREFIX = RedisKeys.uniquePrefix("transition");
    static final Instant T = Instant.parse("2026-07-01T10:00:00Z");
    static final Duration JOB_INTERVAL = Duration.ofMinutes(10);

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, PREFIX);
        registry.add("projekte.transitions.enabled", () -> "false"); // the test runs the job by hand
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;
    @Autowired ListCache cache;
    @Autowired TransitionJob job;
    @Autowired TransitionProperties transitions;

    private Fixtures fixtures;
    private long organisation;
    private static final Set<String> EVERY_PROJECT_LIST = Set.of("projects", "projects_activeParticipation",
            "projects_futureParticipation", "projects_pastParticipation", "privateprojects", "extprojects");

    /** A phase start moves future → active, an end active → past; either evicts every list a project shows in. */
    enum Boundary {
        START(Fixtures.phase(T, T.plus(Duration.ofDays(7))), "futureParticipation", 1, "activeParticipation", 0, EVERY_PROJECT_LIST),
        END(Fixtures.phase(T.minus(Duration.ofDays(7)), T), "activeParticipation", 0, "pastParticipation", 2, EVERY_PROJECT_LIST);

        final Fixtures.Phase phase;
        final String before;
        final int statusBefore;
        final String after;
        final int statusAfter;
        final Set<String> evicts;

        Boundary(Fixtures.Phase phase, String before, int statusBefore, String after, int statusAfter, Set<String> evicts) {
            this.phase = phase;
            this.before = before;
            this.statusBefore = statusBefore;
            this.after = after;
            this.statusAfter = statusAfter;
            this.evicts = evicts;
        }
    }

    @BeforeEach
    void freshData() {
        TestData.reset(jdbc);
        jdbc.update("delete from transition_check"); // no previous run
        fixtures = new Fixtures(jdbc);
        organisation = fixtures.organisation("Bezirksamt Pankow");
        // always active around T, so every list has something and its own next change is far away
        fixtures.project("Dauerläufer", organisation).module(Fixtures.phase(T.minus(Duration.ofDays(30)), T.plus(Duration.ofDays(30))))
                .insert();
        cache.clear();
    }

    @AfterEach
    void nothingLeftScheduled() {
        assertThat(job.pending()).as("no eviction left scheduled in real time for later tests").isEmpty();
    }

    @AfterAll
    static void removeRedisKeys() {
        RedisKeys.deleteAll(PREFIX);
    }

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void theJobRunAtOrAfterTheInstantEvictsItsKeysAndTheListsAreRight(Boundary boundary) {
        fixtures.project("Wechsler", organisation).module(boundary.phase).insert();
        clock.set(T.minus(Duration.ofMinutes(25)));
        assertThat(job.run()).as("nothing within the look-ahead yet").isEmpty();

        clock.set(T.minus(Duration.ofMinutes(5)));
        assertBefore(boundary);
        warmEveryList();

        clock.set(T.plusSeconds(1));
        assertThat(job.run()).as("found since the previous run")
                .containsExactly(new TransitionJob.Transition(T, boundary == Boundary.START));
        assertThat(logicalNames(RedisKeys.entries(PREFIX))).as("entries left after the job, before any request")
                .isEqualTo(difference(allLists(), boundary.evicts));

        assertAfter(boundary);
    }

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void withTheJobDisabledTheExpiryCapAloneMovesTheProjectAtTheInstant(Boundary boundary) {
        assertThat(transitions.enabled()).isFalse();
        fixtures.project("Wechsler", organisation).module(boundary.phase).insert();
        clock.set(T.minus(Duration.ofMinutes(30)));
        assertBefore(boundary);
        warmEveryList();

        clock.set(T.minusMillis(1));
        Http.Response justBefore = get(boundary.before);
        assertThat(justBefore.header("X-Cache")).isEqualTo("HIT");
        assertThat(titles(justBefore)).contains("Wechsler");

        clock.set(T);
        assertThat(logicalNames(RedisKeys.entries(PREFIX))).as("nobody evicted: Redis still holds every entry")
                .isEqualTo(allLists());
        assertAfter(boundary);
        assertThat(jdbc.queryForObject("select count(*) from transition_check", Integer.class)).as("the job never ran").isZero();
    }

    @ParameterizedTest
    @EnumSource(Boundary.class)
    void aPhaseCreatedBetweenTwoJobRunsIsNotMissedByTheNextRun(Boundary boundary) {
        // run 1 looks up to T + 5 min, but the phase does not exist yet
        Instant firstRun = T.minus(Duration.ofMinutes(5));
        clock.set(firstRun);
        assertThat(job.run()).isEmpty();

        // created through the write API after run 1, its instant before run 2
        clock.set(T.minus(Duration.ofMinutes(4)));
        fixtures.user("admin", true);
        Http.Response created = http.send("POST", "/api/admin/projects", """
                {"name": "Wechsler", "organisation": %d, "access": "PUBLIC",
                 "modules": [{"name": "Beteiligung", "weight": 0, "is_draft": false,
                   "phases": [{"name": "Online", "type": "debate", "weight": 0, "start_date": "%s", "end_date": "%s"}]}]}"""
                .formatted(organisation, boundary.phase.start(), boundary.phase.end()), "Authorization", Http.basic("admin", Fixtures.PASSWORD));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertBefore(boundary);
        warmEveryList();

        // run 2, one interval later, looks back to run 1: T is behind it, so it is evicted at once
        clock.set(firstRun.plus(JOB_INTERVAL));
        assertThat(job.run()).containsExactly(new TransitionJob.Transition(T, boundary == Boundary.START));
        assertThat(logicalNames(RedisKeys.entries(PREFIX))).isEqualTo(difference(allLists(), boundary.evicts));
        assertAfter(boundary);
    }

    // ------------------------------------------------------------------ helpers

    private void assertBefore(Boundary boundary) {
        assertThat(titles(get(boundary.before))).contains("Wechsler");
        assertThat(titles(get(boundary.after))).doesNotContain("Wechsler");
        assertThat(statusOf("Wechsler")).isEqualTo(boundary.statusBefore);
    }

    /** Right after the instant: the moved list was recomputed (its entry was evicted or had expired). */
    private void assertAfter(Boundary boundary) {
        Http.Response after = get(boundary.after);
        assertThat(after.header("X-Cache")).isEqualTo("MISS");
        assertThat(titles(after)).contains("Wechsler");
        assertThat(titles(get(boundary.before))).doesNotContain("Wechsler");
        assertThat(statusOf("Wechsler")).isEqualTo(boundary.statusAfter);
    }

    /** Every list in German, twice: the second read must be a hit, so every entry is in Redis. */
    private void warmEveryList() {
        for (String path : List.of("/api/projects/", "/api/projects/?status=activeParticipation",
                "/api/projects/?status=futureParticipation", "/api/projects/?status=pastParticipation",
                "/api/privateprojects/", "/api/extprojects/", "/api/plans/")) {
            http.get(path);
            assertThat(http.get(path).header("X-Cache")).as(path).isEqualTo("HIT");
        }
        assertThat(logicalNames(RedisKeys.entries(PREFIX))).isEqualTo(allLists());
    }

    private Http.Response get(String status) {
        Http.Response response = http.get("/api/projects/?status=" + status);
        assertThat(response.status()).isEqualTo(200);
        return response;
    }

    private int statusOf(String title) {
        for (JsonNode item : http.get("/api/projects/").json()) {
            if (item.get("title").asString().equals(title)) {
                return item.get("status").asInt();
            }
        }
        throw new AssertionError(title + " not in /api/projects/");
    }

    private static List<String> titles(Http.Response response) {
        List<String> titles = new ArrayList<>();
        for (JsonNode item : response.json()) {
            titles.add(item.get("title").asString());
        }
        return titles;
    }

    private static Set<String> allLists() {
        return Set.of("projects", "projects_activeParticipation", "projects_futureParticipation", "projects_pastParticipation",
                "privateprojects", "extprojects", "plans");
    }

    /** {@code plans:de} → {@code plans}: the tests read German only. */
    private static Set<String> logicalNames(Set<String> entries) {
        Set<String> names = new TreeSet<>();
        for (String entry : entries) {
            assertThat(entry).endsWith(":de");
            names.add(entry.substring(0, entry.indexOf(':')));
        }
        return names;
    }

    private static Set<String> difference(Set<String> all, Set<String> removed) {
        Set<String> left = new TreeSet<>(all);
        left.removeAll(removed);
        return left;
    }
}

package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisKeys;
import static berlin.projekte.cache.ListKey.EXT_PROJECTS;
import static berlin.projekte.cache.ListKey.PLANS;
import static berlin.projekte.cache.ListKey.PRIVATE_PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.projects.Kind;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The eviction table of docs/cache.md end to end: the application on the Redis store, every row made
 * through the write API over HTTP (district and topic changes come by migration: see
 * {@code places.ReferenceDataMigrationTest}). Each row warms all seven lists, makes its change, and then every listed key
 * must answer {@code X-Cache: MISS} and every other key {@code X-Cache: HIT}, in both languages. Refresh-ahead is off,
 * so an evicted entry stays missing until the next read.
 */
class EvictionTableHttpTest extends PostgresTest {

    static final String PREFIX = RedisKeys.uniquePrefix("eviction-table");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, PREFIX);
    }

    private static final Set<ListKey> EVERY_KEY = EnumSet.allOf(ListKey.class);
    private static final Set<ListKey> PROJECTS_PRIVATE_AND_PLANS = union(ListKey.ALL_PROJECTS, EnumSet.of(PRIVATE_PROJECTS, PLANS));
    private static final Set<ListKey> EXTPROJECTS_AND_PLANS = EnumSet.of(EXT_PROJECTS, PLANS);
    private static final Set<ListKey> PRIVATEPROJECTS = EnumSet.of(PRIVATE_PROJECTS);

    /** The path each key is read from. */
    private static final Map<ListKey, String> PATHS = new EnumMap<>(Map.of(
            ListKey.PROJECTS, "/api/projects/",
            ListKey.PROJECTS_ACTIVE, "/api/projects/?status=activeParticipation",
            ListKey.PROJECTS_FUTURE, "/api/projects/?status=futureParticipation",
            ListKey.PROJECTS_PAST, "/api/projects/?status=pastParticipation",
            PRIVATE_PROJECTS, "/api/privateprojects/",
            EXT_PROJECTS, "/api/extprojects/",
            PLANS, "/api/plans/"));

    @Autowired JdbcTemplate jdbc;
    @Autowired ListCache cache;
    @Autowired(required = false) EvictionBus bus;

    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);

    // The world every row starts from (fresh ids per row).
    private long organisation;
    private long emptyOrganisation;
    private long alice;
    private long bob;
    private long carol;
    private long team;
    private long otherTeam;
    private long plan;
    private long privateProject;
    private final Map<Kind, Long> published = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> drafts = new EnumMap<>(Kind.class);

    @AfterAll
    static void cleanUp() {
        RedisKeys.deleteAll(PREFIX);
    }

    @BeforeEach
    void world() {
        InstanceStart.await(bus, cache); // the start's own evictions are over before anything is warmed
        TestData.reset(jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.user("admin", true);
        alice = fixtures.user("alice", false);
        bob = fixtures.user("bob", false);
        carol = fixtures.user("carol", false);
        organisation = fixtures.organisation("Bezirksamt Mitte");
        emptyOrganisation = fixtures.organisation("Bezirksamt ohne Projekte");
        fixtures.initiator(organisation, carol);
        team = fixtures.group("Kiezteam", alice);
        otherTeam = fixtures.group("Nachbarschaft", bob);
        plan = fixtures.plan("Neue Mitte", organisation).district("mi").topics("URB").insert();

        // One project in each status list, so every list has content to lose.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant dayAgo = now.minus(Duration.ofDays(1));
        Instant weekAhead = now.plus(Duration.ofDays(7));
        published.put(Kind.PROJECT, fixtures.project("Spielplatz Ölmühle", organisation).district("mi").topics("CHI")
                .point(13.4, 52.52, "Alexanderplatz", "1", "10178").plan(plan)
                .module(Fixtures.phase(dayAgo, weekAhead)).insert());
        published.put(Kind.BPLAN, fixtures.project("Bebauungsplan 1-23", organisation).kind("BPLAN", "https://bplan.example.org/1")
                .module(Fixtures.phase(weekAhead, weekAhead.plus(Duration.ofDays(7)))).insert());
        fixtures.project("Radweg Invalidenstraße", organisation)
                .module(Fixtures.phase(dayAgo.minus(Duration.ofDays(30)), dayAgo)).insert();
        published.put(Kind.EXTERNAL, fixtures.project("Mauerpark", organisation).kind("EXTERNAL", "https://mauerpark.example.org/")
                .plan(plan).insert());
        privateProject = fixtures.project("Hofgarten", organisation).access("PRIVATE").group(team).moderator(alice)
                .participant(bob).module(Fixtures.phase(dayAgo, weekAhead)).insert();
        drafts.put(Kind.PROJECT, fixtures.project("Entwurf Projekt", organisation).draft().insert());
        drafts.put(Kind.BPLAN, fixtures.project("Entwurf Bebauungsplan", organisation).kind("BPLAN", "https://bplan.example.org/2")
                .draft().insert());
        drafts.put(Kind.EXTERNAL, fixtures.project("Entwurf extern", organisation).kind("EXTERNAL", "https://ext.example.org/")
                .draft().insert());
        cache.clear();
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        // project of kind PROJECT/BPLAN, and of kind EXTERNAL
        for (Kind kind : Kind.values()) {
            Set<ListKey> evicted = kind == Kind.EXTERNAL ? EXTPROJECTS_AND_PLANS : PROJECTS_PRIVATE_AND_PLANS;
            rows.addAll(projectRows(kind, evicted));
        }
        rows.add(row("project kind changed from PROJECT to EXTERNAL", t -> t.ok("PATCH", t.project(Kind.PROJECT),
                "{\"kind\": \"EXTERNAL\", \"external_url\": \"https://extern.example.org/\"}"), EVERY_KEY));
        rows.add(row("private project renamed", t -> t.ok("PATCH", "/api/admin/projects/" + t.privateProject,
                "{\"name\": \"Hofgarten II\"}"), PROJECTS_PRIVATE_AND_PLANS));

        // plans: the extprojects items show plan_title and plan_url too (see Evictions)
        rows.add(row("plan created", t -> t.ok("POST", "/api/admin/plans/", """
                {"title": "Neues Vorhaben", "organisation": %d, "status": 0, "participation": 1}""".formatted(t.organisation)),
                EVERY_KEY));
        rows.add(row("plan renamed", t -> t.ok("PATCH", "/api/admin/plans/" + t.plan, "{\"title\": \"Neue Mitte 2030\"}"), EVERY_KEY));
        rows.add(row("plan unpublished", t -> t.ok("PATCH", "/api/admin/plans/" + t.plan, "{\"is_draft\": true}"), EVERY_KEY));
        rows.add(row("plan deleted", t -> t.ok("DELETE", "/api/admin/plans/" + t.plan, null), EVERY_KEY));
        rows.add(row("plan linked to more projects", t -> t.ok("PATCH", "/api/admin/plans/" + t.plan,
                "{\"projects\": [%d, %d, %d]}".formatted(t.published.get(Kind.PROJECT), t.published.get(Kind.EXTERNAL),
                        t.published.get(Kind.BPLAN))), EVERY_KEY));
        rows.add(row("plan unlinked from its projects", t -> t.ok("PATCH", "/api/admin/plans/" + t.plan, "{\"projects\": []}"),
                EVERY_KEY));

        // data every list shows
        rows.add(row("organisation renamed", t -> t.ok("PATCH", "/api/admin/organisations/" + t.organisation,
                "{\"name\": \"Bezirksamt Mitte von Berlin\"}"), EVERY_KEY));
        rows.add(row("organisation deleted", t -> t.ok("DELETE", "/api/admin/organisations/" + t.emptyOrganisation, null), EVERY_KEY));
        // "district or topic changed": reference data changes only by migration (places/ReferenceDataMigrationTest)

        // who may view private projects
        rows.add(row("moderators of a private project changed", t -> t.ok("PATCH", "/api/admin/projects/" + t.privateProject,
                "{\"moderators\": [%d]}".formatted(t.bob)), PRIVATEPROJECTS));
        rows.add(row("participants of a private project changed", t -> t.ok("PATCH", "/api/admin/projects/" + t.privateProject,
                "{\"participants\": [%d, %d]}".formatted(t.bob, t.carol)), PRIVATEPROJECTS));
        rows.add(row("group of a private project changed", t -> t.ok("PATCH", "/api/admin/projects/" + t.privateProject,
                "{\"group\": %d}".formatted(t.otherTeam)), PRIVATEPROJECTS));
        rows.add(row("moderators of a public project changed", t -> t.ok("PATCH", t.project(Kind.PROJECT),
                "{\"moderators\": [%d]}".formatted(t.alice)), PRIVATEPROJECTS));
        rows.add(row("group members changed", t -> t.ok("PATCH", "/api/admin/groups/" + t.team,
                "{\"members\": [%d, %d]}".formatted(t.alice, t.bob)), PRIVATEPROJECTS));
        rows.add(row("organisation initiators changed", t -> t.ok("PATCH", "/api/admin/organisations/" + t.organisation,
                "{\"initiators\": [%d]}".formatted(t.bob)), PRIVATEPROJECTS));
        rows.add(row("superuser flag set", t -> t.ok("PATCH", "/api/admin/users/" + t.bob, "{\"is_superuser\": true}"), PRIVATEPROJECTS));
        rows.add(row("user deleted", t -> t.ok("DELETE", "/api/admin/users/" + t.alice, null), PRIVATEPROJECTS));
        return rows.stream();
    }

    private static List<Arguments> projectRows(Kind kind, Set<ListKey> evicted) {
        String what = "project of kind " + kind + " ";
        return List.of(
                row(what + "created", t -> t.ok("POST", t.resource(kind), """
                        {"name": "Neu", "organisation": %d, "access": "PUBLIC", "kind": "%s", "external_url": "https://neu.example.org/",
                         "modules": [{"name": "Ideen", "phases": [{"name": "Sammeln",
                           "start_date": "2030-05-01T10:00:00+02:00", "end_date": "2030-05-31T18:00:00+02:00"}]}]}"""
                        .formatted(t.organisation, kind)), evicted),
                row(what + "renamed", t -> t.ok("PATCH", t.project(kind), "{\"name\": \"Umbenannt\"}"), evicted),
                row(what + "topics, point and images changed", t -> t.ok("PATCH", t.project(kind), """
                        {"topics": ["ENV", "TRA"], "point": {"lon": 13.45, "lat": 52.5},
                         "tile_image": "https://img.example.org/neu.jpg"}"""), evicted),
                row(what + "modules and phases changed", t -> t.ok("PATCH", t.project(kind), """
                        {"modules": [{"name": "Abstimmen", "phases": [{"name": "Wählen",
                          "start_date": "2030-06-01T00:00:00Z", "end_date": "2030-06-30T00:00:00Z"}]}]}"""), evicted),
                row(what + "published", t -> t.ok("PATCH", t.resource(kind) + t.drafts.get(kind), "{\"is_draft\": false}"), evicted),
                row(what + "unpublished", t -> t.ok("PATCH", t.project(kind), "{\"is_draft\": true}"), evicted),
                row(what + "archived", t -> t.ok("PATCH", t.project(kind), "{\"is_archived\": true}"), evicted),
                row(what + "deleted", t -> t.ok("DELETE", t.project(kind), null), evicted));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void evictsExactlyTheListedKeys(String change, Consumer<EvictionTableHttpTest> action, Set<ListKey> evicted) {
        for (Language language : Language.values()) {
            for (ListKey key : ListKey.values()) {
                read(key, language);
            }
        }
        for (Language language : Language.values()) {
            for (ListKey key : ListKey.values()) {
                assertThat(read(key, language)).as("%s %s is warm", key.logicalName(), language.code()).isEqualTo("HIT");
            }
        }

        action.accept(this);

        for (Language language : Language.values()) {
            for (ListKey key : ListKey.values()) {
                assertThat(read(key, language)).as("%s %s after: %s", key.logicalName(), language.code(), change)
                        .isEqualTo(evicted.contains(key) ? "MISS" : "HIT");
            }
        }
    }

    /** Reads a list in a language (the private one as a superuser, who sees every private project); returns its X-Cache. */
    private String read(ListKey key, Language language) {
        Http.Response response = key == PRIVATE_PROJECTS
                ? http.get(PATHS.get(key), "Authorization", asAdmin, "Accept-Language", language.code())
                : http.get(PATHS.get(key), "Accept-Language", language.code());
        assertThat(response.status()).as(key.logicalName()).isEqualTo(200);
        return response.header(ListResponses.X_CACHE);
    }

    private void ok(String method, String path, String body) {
        Http.Response response = http.send(method, path, body, "Authorization", asAdmin);
        assertThat(response.status()).as(method + " " + path + ": " + response.text()).isBetween(200, 204);
    }

    private String resource(Kind kind) {
        return kind == Kind.EXTERNAL ? "/api/admin/extprojects/" : "/api/admin/projects/";
    }

    private String project(Kind kind) {
        return resource(kind) + published.get(kind);
    }

    private static Arguments row(String change, Consumer<EvictionTableHttpTest> action, Set<ListKey> evicted) {
        return Arguments.of(change, action, evicted);
    }

    private static Set<ListKey> union(Set<ListKey> a, Set<ListKey> b) {
        EnumSet<ListKey> keys = EnumSet.copyOf(a);
        keys.addAll(b);
        return keys;
    }
}

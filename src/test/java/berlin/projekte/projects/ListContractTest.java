package berlin.projekte.projects;

import static berlin.projekte.testsupport.Fixtures.phase;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.PostgresTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON contract of the four list endpoints (docs/api.md), field by field, for a hand-built data set
 * that takes every branch: active/future/past/no status, draft module, no district, no point,
 * tile vs header image vs none, plan link, BPLAN and EXTERNAL kinds, draft/archived/private hidden.
 */
class ListContractTest extends PostgresTest {

    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;
    @Autowired ListCache cache;

    long a;
    long b;
    long c;
    long d;
    long p1;
    long p2;

    @BeforeEach
    void buildDataSet() {
        Fixtures f = new Fixtures(jdbc);
        f.deleteAll();
        clock.set(NOW);
        Duration day = Duration.ofDays(1);
        long org = f.organisation("Bezirksamt Mitte");
        long moderator = f.user("mod", false);
        p1 = f.plan("Plan A", org).created(Instant.parse("2025-03-01T12:00:00Z")).participation(2).district("pa")
                .point(13.41, 52.57, "Berliner Str.", "5", "13187").pointLabel("Am Park").cost("1,2 Mio. €")
                .tile("https://img.example/p1.jpg", "P1 tile", "© P1").topics("URB", "BUI").insert();
        p2 = f.plan("Plan B", org).created(Instant.parse("2025-04-01T12:00:00Z")).modified(Instant.parse("2025-05-01T12:00:00Z"))
                .done().header("https://img.example/p2-header.jpg", "P2 header", "© P2").insert();
        f.plan("Draft plan", org).draft().insert();

        a = f.project("Project A", org).slug("project-a").created(Instant.parse("2026-02-01T09:00:00Z")).district("mi")
                .topics("URB", "ENV").point(13.4, 52.5, "Unter den Linden", "1", "10117")
                .tile("https://img.example/a-tile.jpg", "A tile", "© A").header("https://img.example/a-header.jpg", "A header", "© AH")
                .module(phase(NOW.minus(day.multipliedBy(2)), NOW.plus(day.multipliedBy(3))))
                .module(true, phase(NOW.plus(day), NOW.plus(day.multipliedBy(2))))
                .plan(p1).insert();
        b = f.project("Project B", org).kind("BPLAN", "https://bplan.example/b").access("SEMIPUBLIC")
                .created(Instant.parse("2026-02-02T09:00:00Z"))
                .header("https://img.example/b-header.jpg", "B header", "© B")
                .module(phase(NOW.plus(day), NOW.plus(day.multipliedBy(10))))
                .module(phase(NOW.minus(day.multipliedBy(30)), NOW.minus(day.multipliedBy(20))))
                .insert();
        c = f.project("Project C", org).created(Instant.parse("2026-02-03T09:00:00Z")).modified(Instant.parse("2026-03-10T08:30:00Z"))
                .district("fk").module(phase(NOW.minus(day.multipliedBy(10)), NOW.minus(day.multipliedBy(5)))).insert();
        d = f.project("Project D", org).created(Instant.parse("2026-02-04T09:00:00Z"))
                .module(true, phase(NOW.minus(day), NOW.plus(day))).insert();
        f.project("Draft project", org).draft().module(phase(NOW.minus(day), NOW.plus(day))).plan(p1).insert();
        f.project("Archived project", org).archived().module(phase(NOW.minus(day), NOW.plus(day))).insert();
        f.project("Private project", org).access("PRIVATE").moderator(moderator).plan(p1)
                .module(phase(NOW.minus(day), NOW.plus(day))).insert();
        f.project("External H", org).kind("EXTERNAL", "https://elsewhere.example/h").created(Instant.parse("2026-02-05T09:00:00Z"))
                .district("sp").insert();
        f.project("External semipublic", org).kind("EXTERNAL", "https://elsewhere.example/i").access("SEMIPUBLIC").insert();
        // Fixtures write SQL directly (no change events): drop whatever earlier tests left cached.
        cache.clear();
    }


    String itemA(boolean english) {
        return """
            {"id":%d,"title":"Project A","description":"About Project A","access":1,"type":"project","subtype":"default",
             "url":"/projekte/project-a/","organisation":"Bezirksamt Mitte","district":"Mitte","topics":["ENV","URB"],
             "point":{"type":"Feature","geometry":{"type":"Point","coordinates":[13.4,52.5]},
                      "properties":{"strasse":"Unter den Linden","haus":"1","plz":"10117","ortsteil":"Mitte"}},
             "point_label":"","tile_image":"https://img.example/a-tile.jpg","tile_image_alt_text":"A tile","tile_image_copyright":"© A",
             "created_or_modified":"2026-02-01T10:00:00+01:00","status":0,"participation":1,"participation_active":true,
             "participation_string":"%s","active_phase":[40,"%s","2026-06-18T12:00:00+02:00"],"future_phase":false,
             "past_phase":false,"plan_title":"Plan A","plan_url":"/vorhaben/2025-%05d/","cost":"","published_projects_count":0}
            """.formatted(a, english ? "running" : "laufend", english ? "3 days" : "3 Tage", p1);
    }

    String itemB(boolean english) {
        return """
            {"id":%d,"title":"Project B","description":"About Project B","access":2,"type":"project","subtype":"external",
             "url":"https://bplan.example/b","organisation":"Bezirksamt Mitte","district":"%s","topics":[],"point":null,
             "point_label":"","tile_image":"https://img.example/b-header.jpg","tile_image_alt_text":"B header","tile_image_copyright":"© B",
             "created_or_modified":"2026-02-02T10:00:00+01:00","status":1,"participation":1,"participation_active":true,
             "participation_string":"%s","active_phase":false,"future_phase":"2026-06-16T12:00:00+02:00",
             "past_phase":"2026-05-26T12:00:00+02:00","plan_title":null,"plan_url":null,"cost":"","published_projects_count":0}
            """.formatted(b, english ? "City wide" : "Gesamtstädtisch", english ? "starts at 16.06.2026" : "startet am 16.06.2026");
    }

    String itemC(boolean english) {
        return """
            {"id":%d,"title":"Project C","description":"About Project C","access":1,"type":"project","subtype":"default",
             "url":"/projekte/%s/","organisation":"Bezirksamt Mitte","district":"Friedrichshain-Kreuzberg","topics":[],"point":null,
             "point_label":"","tile_image":"","tile_image_alt_text":null,"tile_image_copyright":null,
             "created_or_modified":"2026-03-10T09:30:00+01:00","status":2,"participation":1,"participation_active":false,
             "participation_string":"%s","active_phase":false,"future_phase":false,
             "past_phase":"2026-06-10T12:00:00+02:00","plan_title":null,"plan_url":null,"cost":"","published_projects_count":0}
            """.formatted(c, slug(c), english ? "done" : "abgeschlossen");
    }

    String itemD() {
        return """
            {"id":%d,"title":"Project D","description":"About Project D","access":1,"type":"project","subtype":"default",
             "url":"/projekte/%s/","organisation":"Bezirksamt Mitte","district":"Gesamtstädtisch","topics":[],"point":null,
             "point_label":"","tile_image":"","tile_image_alt_text":null,"tile_image_copyright":null,
             "created_or_modified":"2026-02-04T10:00:00+01:00","status":2,"participation":1,"participation_active":false,
             "participation_string":"abgeschlossen","active_phase":false,"future_phase":false,
             "past_phase":false,"plan_title":null,"plan_url":null,"cost":"","published_projects_count":0}
            """.formatted(d, slug(d));
    }

    String slug(long project) {
        return jdbc.queryForObject("select slug from project where id = ?", String.class, project);
    }

    static JsonNode array(String... items) {
        return JSON.readTree("[" + String.join(",", items) + "]");
    }

    JsonNode getJson(String path, String... headers) {
        Http.Response response = http.get(path, headers);
        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return response.json();
    }

    @Test
    void projectsListsEveryListedProjectWithEveryField() {
        assertThat(getJson("/api/projects/")).isEqualTo(array(itemA(false), itemB(false), itemC(false), itemD()));
    }

    @Test
    void statusListsHoldOnlyTheirProjects() {
        assertThat(getJson("/api/projects/?status=activeParticipation")).isEqualTo(array(itemA(false)));
        assertThat(getJson("/api/projects/?status=futureParticipation")).isEqualTo(array(itemB(false)
                .replace("startet am 16.06.2026", "startet in der Zukunft")
                .replace("\"past_phase\":\"2026-05-26T12:00:00+02:00\"", "\"past_phase\":false")));
        assertThat(getJson("/api/projects/?status=pastParticipation")).isEqualTo(array(itemC(false)));
    }

    @Test
    void englishWhenTheClientPrefersIt() {
        assertThat(getJson("/api/projects/", "Accept-Language", "en-GB,en;q=0.9,de;q=0.5"))
                .isEqualTo(array(itemA(true), itemB(true), itemC(true), itemD().replace("Gesamtstädtisch", "City wide").replace("abgeschlossen", "done")));
        assertThat(getJson("/api/projects/", "Accept-Language", "de-DE,en;q=0.5"))
                .isEqualTo(array(itemA(false), itemB(false), itemC(false), itemD()));
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        assertThat(getJson("/api/projects/?foo=bar&status=pastParticipation")).isEqualTo(array(itemC(false)));
    }

    @Test
    void extprojectsListsPublicExternalProjectsWithoutId() {
        JsonNode list = getJson("/api/extprojects/");
        assertThat(list).hasSize(1);
        JsonNode h = list.get(0);
        assertThat(h.has("id")).isFalse();
        assertThat(h.get("title").asString()).isEqualTo("External H");
        assertThat(h.get("subtype").asString()).isEqualTo("external");
        assertThat(h.get("url").asString()).isEqualTo("https://elsewhere.example/h");
        assertThat(h.get("district").asString()).isEqualTo("Spandau");
        assertThat(h.get("status").asInt()).isEqualTo(2);
        assertThat(new ArrayList<>(h.propertyNames())).isEqualTo(withoutId(JSON.readTree(itemD()).propertyNames()));
    }

    static List<String> withoutId(java.util.Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        list.remove("id");
        return list;
    }

    @Test
    void plansListsPublishedPlansNewestFirst() {
        String plan1 = """
            {"title":"Plan A","url":"/vorhaben/2025-%05d/","type":"plan","subtype":"plan","organisation":"Bezirksamt Mitte",
             "district":"Pankow","topics":["BUI","URB"],
             "point":{"type":"Feature","geometry":{"type":"Point","coordinates":[13.41,52.57]},
                      "properties":{"strasse":"Berliner Str.","haus":"5","plz":"13187"}},
             "point_label":"Am Park","cost":"1,2 Mio. €","tile_image":"https://img.example/p1.jpg","tile_image_alt_text":"P1 tile",
             "tile_image_copyright":"© P1","created_or_modified":"2025-03-01T13:00:00+01:00","participation":2,
             "participation_active":true,"participation_string":"laufend","status":0,"published_projects_count":1}
            """.formatted(p1);
        String plan2 = """
            {"title":"Plan B","url":"/vorhaben/2025-%05d/","type":"plan","subtype":"plan","organisation":"Bezirksamt Mitte",
             "district":"Gesamtstädtisch","topics":[],"point":null,"point_label":"","cost":"",
             "tile_image":"https://img.example/p2-header.jpg","tile_image_alt_text":"P2 header","tile_image_copyright":"© P2",
             "created_or_modified":"2025-05-01T14:00:00+02:00","participation":0,
             "participation_active":false,"participation_string":"abgeschlossen","status":2,"published_projects_count":0}
            """.formatted(p2);
        assertThat(getJson("/api/plans/")).isEqualTo(array(plan2, plan1));
        assertThat(getJson("/api/plans/", "Accept-Language", "en").get(0).get("participation_string").asString()).isEqualTo("done");
    }

    @Test
    void privateProjectsAreEmptyForAnonymous() {
        assertThat(getJson("/api/privateprojects/")).isEqualTo(array());
    }

    @Test
    void bogusStatusIsA400NamingTheAllowedValues() {
        Http.Response response = http.get("/api/projects/?status=bogus");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("detail").asString())
                .contains("activeParticipation", "futureParticipation", "pastParticipation");
        assertThat(http.get("/api/projects/?status=").status()).isEqualTo(400);
        assertThat(http.get("/api/projects/?status=pastParticipation&status=activeParticipation").status()).isEqualTo(400);
    }
}

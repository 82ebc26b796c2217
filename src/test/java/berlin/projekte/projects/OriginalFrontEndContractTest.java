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

/**
 * What the original platform's unchanged front-end and its API tests need from the lists (docs/api.md): access as the enum number, status lists with only their own phase field, the
 * original's German wording, newest first for external and private projects, null for an empty
 * address part.
 */
class OriginalFrontEndContractTest extends PostgresTest {

    static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;
    @Autowired ListCache cache;

    String member;

    @BeforeEach
    void buildDataSet() {
        Fixtures f = new Fixtures(jdbc);
        f.deleteAll();
        clock.set(NOW);
        long org = f.organisation("Bezirksamt Pankow");
        long user = f.user("mitglied", false);
        member = Http.basic("mitglied", Fixtures.PASSWORD);
        // running now, with a module still to come and one over: three phase fields in the full list
        f.project("Running", org).district("pa").point(13.41, 52.57, "", "", "")
                .module(phase(NOW.minus(DAY), NOW.plus(DAY)))
                .module(phase(NOW.plus(DAY.multipliedBy(5)), NOW.plus(DAY.multipliedBy(9))))
                .module(phase(NOW.minus(DAY.multipliedBy(9)), NOW.minus(DAY.multipliedBy(5)))).insert();
        f.project("Upcoming", org).access("SEMIPUBLIC").point(13.2, 52.4, "Am Markt", "", "13187")
                .module(phase(NOW.plus(DAY.multipliedBy(2)), NOW.plus(DAY.multipliedBy(4))))
                .module(phase(NOW.minus(DAY.multipliedBy(9)), NOW.minus(DAY.multipliedBy(5)))).insert();
        f.project("Over", org).district("mi").module(phase(NOW.minus(DAY.multipliedBy(9)), NOW.minus(DAY.multipliedBy(5)))).insert();
        f.project("Private old", org).access("PRIVATE").participant(user).created(Instant.parse("2026-01-02T00:00:00Z")).insert();
        f.project("Private new", org).access("PRIVATE").participant(user).created(Instant.parse("2026-03-02T00:00:00Z")).insert();
        f.project("Private middle", org).access("PRIVATE").participant(user).created(Instant.parse("2026-02-02T00:00:00Z")).insert();
        f.project("External old", org).kind("EXTERNAL", "https://a.example/").created(Instant.parse("2026-01-03T00:00:00Z")).insert();
        f.project("External new", org).kind("EXTERNAL", "https://b.example/").created(Instant.parse("2026-03-03T00:00:00Z")).insert();
        f.project("External middle", org).kind("EXTERNAL", "https://c.example/").created(Instant.parse("2026-02-03T00:00:00Z")).insert();
        f.plan("Plan running", org).point(13.3, 52.5, "", "", "").insert();
        f.plan("Plan done", org).done().insert();
        cache.clear();
    }


    JsonNode get(String path, String... headers) {
        Http.Response response = http.get(path, headers);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.json();
    }

    static JsonNode item(JsonNode list, String title) {
        for (JsonNode item : list) {
            if (item.get("title").asString().equals(title)) {
                return item;
            }
        }
        throw new AssertionError("no item " + title + " in " + list);
    }

    static List<String> titles(JsonNode list) {
        List<String> titles = new ArrayList<>();
        list.forEach(item -> titles.add(item.get("title").asString()));
        return titles;
    }

    @Test
    void accessIsTheOriginalsEnumNumberInEveryList() {
        JsonNode projects = get("/api/projects/");
        assertThat(item(projects, "Running").get("access").isInt()).isTrue();
        assertThat(item(projects, "Running").get("access").asInt()).isEqualTo(1);
        assertThat(item(projects, "Upcoming").get("access").asInt()).isEqualTo(2);
        assertThat(item(get("/api/projects/?status=futureParticipation"), "Upcoming").get("access").asInt()).isEqualTo(2);
        assertThat(get("/api/extprojects/").get(0).get("access").asInt()).isEqualTo(1);
        for (JsonNode item : get("/api/privateprojects/", "Authorization", member)) {
            assertThat(item.get("access").asInt()).isEqualTo(3);
        }
    }

    @Test
    void statusListsCarryOnlyTheirOwnPhaseField() {
        JsonNode active = item(get("/api/projects/?status=activeParticipation"), "Running");
        assertThat(active.get("active_phase").isArray()).isTrue();
        assertThat(active.get("future_phase").asBoolean(true)).isFalse();
        assertThat(active.get("past_phase").asBoolean(true)).isFalse();

        JsonNode future = item(get("/api/projects/?status=futureParticipation"), "Upcoming");
        assertThat(future.get("active_phase").asBoolean(true)).isFalse();
        assertThat(future.get("future_phase").asString()).isEqualTo("2026-06-17T12:00:00+02:00");
        assertThat(future.get("past_phase").asBoolean(true)).isFalse();

        JsonNode past = item(get("/api/projects/?status=pastParticipation"), "Over");
        assertThat(past.get("active_phase").asBoolean(true)).isFalse();
        assertThat(past.get("future_phase").asBoolean(true)).isFalse();
        assertThat(past.get("past_phase").asString()).isEqualTo("2026-06-10T12:00:00+02:00");

        // the unfiltered list keeps computing all three
        JsonNode all = get("/api/projects/");
        assertThat(item(all, "Running").get("active_phase").isArray()).isTrue();
        assertThat(item(all, "Running").get("future_phase").asString()).isEqualTo("2026-06-20T12:00:00+02:00");
        assertThat(item(all, "Running").get("past_phase").asString()).isEqualTo("2026-06-10T12:00:00+02:00");
        assertThat(item(all, "Upcoming").get("past_phase").asString()).isEqualTo("2026-06-10T12:00:00+02:00");
    }

    @Test
    void germanWordingIsTheOriginalCatalogs() {
        JsonNode all = get("/api/projects/");
        assertThat(item(all, "Running").get("participation_string").asString()).isEqualTo("laufend");
        assertThat(item(all, "Over").get("participation_string").asString()).isEqualTo("abgeschlossen");
        assertThat(item(all, "Upcoming").get("participation_string").asString()).isEqualTo("startet am 17.06.2026");
        assertThat(item(all, "Upcoming").get("district").asString()).isEqualTo("Gesamtstädtisch");
        assertThat(item(get("/api/projects/?status=futureParticipation"), "Upcoming").get("participation_string").asString())
                .isEqualTo("startet in der Zukunft");
        JsonNode plans = get("/api/plans/");
        assertThat(item(plans, "Plan running").get("participation_string").asString()).isEqualTo("laufend");
        assertThat(item(plans, "Plan done").get("participation_string").asString()).isEqualTo("abgeschlossen");
        assertThat(item(plans, "Plan done").get("district").asString()).isEqualTo("Gesamtstädtisch");
        // English stays as it was
        JsonNode english = get("/api/projects/?status=futureParticipation", "Accept-Language", "en");
        assertThat(item(english, "Upcoming").get("participation_string").asString()).isEqualTo("starts in the future");
        assertThat(item(english, "Upcoming").get("district").asString()).isEqualTo("City wide");
    }

    @Test
    void externalAndPrivateProjectsAreNewestFirstPublicOnesOldestFirst() {
        assertThat(titles(get("/api/extprojects/"))).containsExactly("External new", "External middle", "External old");
        assertThat(titles(get("/api/privateprojects/", "Authorization", member)))
                .containsExactly("Private new", "Private middle", "Private old");
        assertThat(titles(get("/api/projects/"))).containsExactly("Running", "Upcoming", "Over");
    }

    @Test
    void emptyAddressPartsAreNull() {
        JsonNode running = item(get("/api/projects/"), "Running").get("point").get("properties");
        assertThat(running.get("strasse").isNull()).as(running.toString()).isTrue();
        assertThat(running.get("haus").isNull()).isTrue();
        assertThat(running.get("plz").isNull()).isTrue();
        JsonNode upcoming = item(get("/api/projects/"), "Upcoming").get("point").get("properties");
        assertThat(upcoming.get("strasse").asString()).isEqualTo("Am Markt");
        assertThat(upcoming.get("haus").isNull()).isTrue();
        assertThat(upcoming.get("plz").asString()).isEqualTo("13187");
        JsonNode plan = item(get("/api/plans/"), "Plan running").get("point").get("properties");
        assertThat(plan.get("strasse").isNull()).isTrue();
        assertThat(plan.get("plz").isNull()).isTrue();
    }

    /** The original's serializer test (its point fixture): a point has only the properties its input had, so no empty ortsteil. */
    @Test
    void aPointWithoutADistrictHasNoOrtsteil() {
        JsonNode upcoming = item(get("/api/projects/"), "Upcoming").get("point").get("properties");
        assertThat(upcoming.has("ortsteil")).as(upcoming.toString()).isFalse();
        JsonNode future = item(get("/api/projects/?status=futureParticipation"), "Upcoming").get("point").get("properties");
        assertThat(future.has("ortsteil")).as(future.toString()).isFalse();
        JsonNode running = item(get("/api/projects/"), "Running").get("point").get("properties");
        assertThat(running.get("ortsteil").asString()).as(running.toString()).isEqualTo("Pankow");
        JsonNode plan = item(get("/api/plans/"), "Plan running").get("point").get("properties");
        assertThat(plan.has("ortsteil")).as(plan.toString()).isFalse();
    }
}

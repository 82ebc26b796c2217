package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** {@code projekte.languages=de}: what the original's German front-end needs, whatever the browser says. */
@TestPropertySource(properties = "projekte.languages=de")
class GermanOnlyTest extends PostgresTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired ListCache cache;

    @Test
    void everyResponseIsGermanAndEachKeyHasOneEntry() {
        Fixtures f = new Fixtures(jdbc);
        f.deleteAll();
        long org = f.organisation("Bezirksamt");
        f.project("Ohne Bezirk", org).module(Fixtures.phase(Fixtures.T0, Fixtures.T0.plusSeconds(60))).insert();
        f.project("Extern", org).kind("EXTERNAL", "https://x.example/").insert();
        f.plan("Plan", org).insert();
        cache.clear();
        for (String path : new String[] {"/api/projects/", "/api/projects/?status=pastParticipation", "/api/extprojects/", "/api/plans/"}) {
            for (String language : new String[] {"en", "en-GB,en;q=0.9", "de", "fr"}) {
                Http.Response response = http.get(path, "Accept-Language", language);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().get(0).get("district").asString()).as(path + " " + language).isEqualTo("Gesamtstädtisch");
            }
        }
        assertThat(cache.entries()).isEqualTo(Map.of(
                ListKey.PROJECTS, Set.of(Language.DE), ListKey.PROJECTS_PAST, Set.of(Language.DE),
                ListKey.EXT_PROJECTS, Set.of(Language.DE), ListKey.PLANS, Set.of(Language.DE)));
    }

    @Test
    void unknownLanguageIsRefusedAtStart() {
        assertThatThrownBy(() -> new Languages(List.of("de", "fr")))
                .hasMessageContaining("fr");
    }
}

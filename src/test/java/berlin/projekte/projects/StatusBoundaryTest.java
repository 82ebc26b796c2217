package berlin.projekte.projects;

import static berlin.projekte.testsupport.Fixtures.phase;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.PostgresTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Through HTTP with a fixed clock: which list a project is in at start−1s, start, end−1s, end. */
class StatusBoundaryTest extends PostgresTest {

    static final Instant START = Instant.parse("2026-03-29T00:30:00Z");
    static final Instant END = Instant.parse("2026-10-25T01:30:00Z");

    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;
    @Autowired ListCache cache;


    @Test
    void aProjectIsInExactlyOneStatusListAtEveryBoundary() {
        Fixtures f = new Fixtures(jdbc);
        f.deleteAll();
        long org = f.organisation("Org");
        long id = f.project("Boundary", org).module(phase(START, END)).insert();

        assertThat(listsAt(http, START.minusSeconds(1), id)).containsExactly("futureParticipation");
        assertThat(listsAt(http, START, id)).containsExactly("activeParticipation");
        assertThat(listsAt(http, END.minusSeconds(1), id)).containsExactly("activeParticipation");
        assertThat(listsAt(http, END, id)).containsExactly("pastParticipation");
    }

    private List<String> listsAt(Http http, Instant now, long id) {
        clock.set(now);
        cache.clear();
        List<String> lists = new ArrayList<>();
        for (String status : List.of("activeParticipation", "futureParticipation", "pastParticipation")) {
            for (JsonNode item : http.get("/api/projects/?status=" + status).json()) {
                if (item.get("id").asLong() == id) {
                    lists.add(status);
                }
            }
        }
        JsonNode all = http.get("/api/projects/").json();
        assertThat(all).hasSize(1);
        return lists;
    }
}

package berlin.projekte.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code devtools} on a real PostgreSQL, through the same services as the write API, with the server running. */
class DevtoolsCommandTest extends PostgresTest {

    @Autowired DevtoolsCommand devtools;
    @Autowired JdbcTemplate jdbc;
    @Autowired MutableClock clock;
    @Autowired ListCache cache;

    private Fixtures fixtures;
    private long realProject;
    private long realPlan;

    /** Output and exit code of one run. */
    record Run(int exitCode, String output) {
    }

    @BeforeEach
    void realDataOnly() {
        TestData.reset(jdbc);
        clock.set(Instant.parse("2026-06-01T10:00:00Z"));
        fixtures = new Fixtures(jdbc);
        long organisation = fixtures.organisation("Bezirksamt Mitte");
        realProject = fixtures.project("Kiezblock Wrangelstraße", organisation)
                .module(Fixtures.phase(Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"))).insert();
        realPlan = fixtures.plan("Bebauungsplan 1-23", organisation).insert();
        cache.clear();  // the data changed behind the write API's back; another test class may have cached lists
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = devtools.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private int fakeProjects() {
        return count("select count(*) from project where name like 'fake project %'");
    }

    @Test
    void exactCountsTwiceTheSameThenFewer() {
        assertThat(run("--projects", "50", "--seed", "3").exitCode()).isZero();
        assertThat(run("--projects", "50", "--seed", "3").output()).contains("now 50 fake projects");
        assertThat(fakeProjects()).isEqualTo(50);

        List<String> firstTen = jdbc.queryForList("select name from project where name like 'fake project %' order by id limit 10",
                String.class);
        assertThat(run("--projects=10").exitCode()).isZero();
        assertThat(fakeProjects()).isEqualTo(10);
        // The surplus goes from the top: the ten that stay are numbers 1 to 10, the first ones made.
        assertThat(jdbc.queryForList("select name from project where name like 'fake project %' order by id", String.class))
                .containsExactlyElementsOf(firstTen);
        assertThat(count("select count(*) from project where id = " + realProject)).isEqualTo(1);
    }

    @Test
    void countsWithoutOptionsAndKeepsRealDataOnDelete() {
        run("--projects", "20", "--plans", "15", "--ext-projects", "5", "--seed", "1");
        Run counted = run();
        assertThat(counted.exitCode()).isZero();
        assertThat(counted.output()).contains("20 fake projects, 15 fake plans, 5 fake external projects");

        assertThat(run("--ext-projects", "0").exitCode()).isZero();
        assertThat(count("select count(*) from project where kind = 'EXTERNAL'")).isZero();
        assertThat(fakeProjects()).isEqualTo(20);

        Run deleted = run("--delete");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.output()).contains("deleted 20 fake projects, 15 fake plans, 0 fake external projects");
        assertThat(count("select count(*) from project")).isEqualTo(1);
        assertThat(count("select count(*) from project where id = " + realProject)).isEqualTo(1);
        assertThat(count("select count(*) from plan")).isEqualTo(1);
        assertThat(count("select count(*) from plan where id = " + realPlan)).isEqualTo(1);
        assertThat(count("select count(*) from app_user where username like 'fake-user-%'")).isZero();
        assertThat(count("select count(*) from organisation where name like 'fake organisation %'")).isZero();
        assertThat(count("select count(*) from user_group where name like 'fake group %'")).isZero();
        assertThat(count("select count(*) from organisation")).isEqualTo(1);
    }

    @Test
    void sameSeedSameObjectsWhicheverRunMakesThem() {
        run("--projects", "12", "--plans", "6", "--seed", "42");
        List<String> atOnce = names();
        run("--delete");
        run("--projects", "5", "--plans", "2", "--seed", "42");
        run("--projects", "12", "--plans", "6", "--seed", "42");
        assertThat(names()).isEqualTo(atOnce);
        run("--delete");
        run("--projects", "12", "--plans", "6", "--seed", "43");
        assertThat(names()).isNotEqualTo(atOnce);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(jdbc.queryForList(
                "select name from project where name like 'fake%' order by name", String.class));
        names.addAll(jdbc.queryForList("select title from plan where title like 'fake%' order by title", String.class));
        return names;
    }

    @Test
    void realisticDataThroughTheListsWhichAreEvicted() {
        assertThat(http.get("/api/projects/").json().size()).isEqualTo(1);  // cached now

        run("--projects", "90", "--plans", "40", "--ext-projects", "10", "--seed", "1");

        JsonNode all = http.get("/api/projects/").json();
        assertThat(all.size()).as("every public fake project and the real one, the cache evicted").isBetween(70, 91);
        Map<String, Integer> byStatus = Map.of(
                "activeParticipation", http.get("/api/projects/?status=activeParticipation").json().size(),
                "futureParticipation", http.get("/api/projects/?status=futureParticipation").json().size(),
                "pastParticipation", http.get("/api/projects/?status=pastParticipation").json().size());
        // Roughly a third each.
        byStatus.forEach((status, n) -> assertThat(n).as(status).isBetween(15, 45));
        assertThat(http.get("/api/extprojects/").json().size()).isEqualTo(10);
        assertThat(http.get("/api/plans/").json().size()).isEqualTo(41);

        assertThat(count("select count(*) from project where access = 'PRIVATE' and name like 'fake%'")).isPositive();
        assertThat(count("select count(*) from project where access = 'SEMIPUBLIC' and name like 'fake%'")).isPositive();
        assertThat(count("select count(*) from project where kind = 'BPLAN' and name like 'fake%'")).isPositive();
        assertThat(count("select count(distinct district_id) from project where name like 'fake%'")).isGreaterThan(5);
        assertThat(count("select count(*) from plan_project")).isPositive();
        assertThat(count("select count(*) from project where lon between 13.09 and 13.76 and lat between 52.34 and 52.67"))
                .isEqualTo(count("select count(*) from project where lon is not null"));

        // fake-user-1 takes part in every restricted fake project: the documented member.
        JsonNode memberView = http.get("/api/privateprojects/", "Authorization", Http.basic("fake-user-1", FakeInputs.USER_PASSWORD)).json();
        assertThat(memberView.size()).isEqualTo(count("select count(*) from project where access = 'PRIVATE' and name like 'fake%'"));
    }

    @Test
    void rejectsBadOptionsWithUsage() {
        for (String[] bad : List.of(new String[] {"--projects"}, new String[] {"--projects", "many"}, new String[] {"--projects", "-1"},
                new String[] {"--plans", "100001"}, new String[] {"--frobnicate"}, new String[] {"--delete", "--projects", "3"})) {
            Run run = run(bad);
            assertThat(run.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(run.output()).contains("usage: devtools");
        }
        assertThat(fakeProjects()).isZero();
    }
}

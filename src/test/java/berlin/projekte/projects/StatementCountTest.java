package berlin.projekte.projects;

import static berlin.projekte.testsupport.Fixtures.phase;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListSource;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.StatementCounter;
import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each list is a fixed number of SQL statements, whatever the number of projects (no query per
 * item); a hit of the private list, signed in with HTTP Basic or a session, is none at all.
 */
class StatementCountTest extends PostgresTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired List<ListSource> sources;
    @Autowired ListCache cache;

    @Test
    void everyListTakesAsManyStatementsFor200ProjectsAsFor10() {
        Map<ListKey, Integer> forTen = countWith(10);
        Map<ListKey, Integer> forTwoHundred = countWith(200);

        assertThat(forTen).hasSize(ListKey.values().length);
        assertThat(forTen.values()).allSatisfy(count -> assertThat(count).isBetween(1, 6));
        assertThat(forTwoHundred).isEqualTo(forTen);
    }

    @Test
    void aHitOfThePrivateListRunsNoStatementOverBasicOrASession() {
        Fixtures f = new Fixtures(jdbc);
        f.deleteAll();
        long member = f.user("member", false);
        f.project("Hofgarten", f.organisation("Org")).access("PRIVATE").participant(member).insert();
        cache.clear();
        String asMember = Http.basic("member", Fixtures.PASSWORD);
        String session = http.login("member", Fixtures.PASSWORD);

        assertThat(privateList("Authorization", asMember).statements()).as("a miss, signed in from the database").isPositive();
        for (int i = 0; i < 3; i++) {
            StatementCounter.Counted basic = privateList("Authorization", asMember);
            assertThat(basic.statements()).as("Basic, hit " + i).isZero();
            assertThat(basic.byHitFilter()).as("Basic, hit " + i + ": the hit filter").isTrue();
            StatementCounter.Counted inSession = privateList("Cookie", session);
            assertThat(inSession.statements()).as("session, hit " + i).isZero();
            assertThat(inSession.byHitFilter()).as("session, hit " + i + ": the normal chain").isFalse();
        }
    }

    /** One {@code GET /api/privateprojects/} answered with the member's project, counted. */
    private StatementCounter.Counted privateList(String... auth) {
        StatementCounter.Counted counted = StatementCounter.get(http, "/api/privateprojects/", auth);
        assertThat(counted.response().text()).contains("Hofgarten");
        return counted;
    }

    private Map<ListKey, Integer> countWith(int projectsPerKind) {
        Fixtures f = new Fixtures(jdbc);
        f.deleteAll();
        long org = f.organisation("Org");
        long user = f.user("member", false);
        long group = f.group("group", user);
        f.initiator(org, user);
        Instant now = Instant.now();
        for (int i = 0; i < projectsPerKind; i++) {
            // active, future and past projects in turn, so every status list has items
            Instant start = now.plus(Duration.ofDays(i % 3 - 1));
            long plan = f.plan("plan " + i, org).topics("URB").district("mi").insert();
            for (String access : List.of("PUBLIC", "PRIVATE")) {
                f.project("project " + access + i, org).access(access).topics("URB", "ENV").district("mi").plan(plan)
                        .moderator(user).participant(user).group(group)
                        .module(phase(start, start.plus(Duration.ofHours(12))), phase(start.plus(Duration.ofDays(1)), null))
                        .module(phase(start.minus(Duration.ofDays(3)), start.minus(Duration.ofDays(2))))
                        .insert();
            }
            f.project("external " + i, org).kind("EXTERNAL", "https://example.org/" + i).topics("TRA").insert();
        }
        Map<ListKey, Integer> counts = new EnumMap<>(ListKey.class);
        for (ListSource source : sources) {
            for (ListKey key : source.keys()) {
                counts.put(key, StatementCounter.count(() -> {
                    byte[] body = source.compute(key, Language.DE).body();
                    assertThat(body.length).as(key.logicalName()).isGreaterThan(2);
                }));
            }
        }
        return counts;
    }
}

package berlin.projekte.testsupport;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The write API over real HTTP on a real PostgreSQL. Every test starts from the reference data
 * with a superuser {@code admin} and one organisation, and an empty event record.
 */
@Import(WriteApiTest.Events.class)
public abstract class WriteApiTest extends PostgresTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Events {
        @Bean
        RecordedEvents recordedEvents() {
            return new RecordedEvents();
        }
    }

    @Autowired protected JdbcTemplate jdbc;
    @Autowired protected RecordedEvents events;

    protected Fixtures fixtures;
    protected long admin;
    protected long organisation;
    protected final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);

    @BeforeEach
    void resetData() {
        TestData.reset(jdbc);
        fixtures = new Fixtures(jdbc);
        admin = fixtures.user("admin", true);
        organisation = fixtures.organisation("Bezirksamt Mitte");
        events.clear();
    }

    protected Http.Response send(String method, String path, String body, String auth) {
        return auth == null ? http.send(method, path, body) : http.send(method, path, body, "Authorization", auth);
    }

    protected JsonNode ok(Http.Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " but was " + response.status() + ": " + response.text());
        }
        return response.body().length == 0 ? null : response.json();
    }

    protected int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    /** A minimal valid project body for the organisation. */
    protected String projectJson(String name, long organisation) {
        return """
                {"name": "%s", "organisation": %d, "access": "PUBLIC"}""".formatted(name, organisation);
    }
}

package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14, item 4: a lone writer that dies between its commit and its after-commit eviction (one
 * instance, or all restarting at once). Its change is in the database and its notification was
 * sent to no one; Redis still holds the list from before. The next instance that starts must serve
 * nothing older than what was committed: its eviction listener evicts everything once it listens,
 * the first time too (docs/cache-coherence.md, "Lost evictions").
 */
public class LostEvictionTest {

    private static final String PREFIX = RedisKeys.uniquePrefix("lost-eviction");
    private static final String PATH = "/api/projects/?status=activeParticipation";
    private ConfigurableApplicationContext writer;
    private ConfigurableApplicationContext next;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {writer, next}) {
            if (instance != null && instance.isActive()) {
                instance.close();
            }
        }
        RedisKeys.deleteAll(PREFIX);
    }

    private static ConfigurableApplicationContext instance() {
        return TestInstances.start("--projekte.cache.store=redis",
                "--projekte.cache.key-prefix=" + PREFIX,
                // the liveness key outlives the restart: Redis's entries are not invalidated for its absence
                "--projekte.cache.alive-ttl=5m",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + TestServices.redisPort());
    }

    @Test
    void theNextInstanceServesNothingOlderThanWhatADeadWriterCommitted() throws Exception {
        writer = instance();
        JdbcTemplate jdbc = writer.getBean(JdbcTemplate.class);
        TestData.reset(jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        long organisation = fixtures.organisation("Bezirksamt Mitte");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long project = fixtures.project("Spielplatz Ölmühle", organisation)
                .module(Fixtures.phase(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(7)))).insert();
        writer.getBean(ListCache.class).clear();
        Http http = TestInstances.http(writer);
        assertThat(http.get(PATH).text()).contains(title("Spielplatz Ölmühle"));
        assertThat(http.get(PATH).header(ListResponses.X_CACHE)).as("stored in Redis").isEqualTo("HIT");

        writer.close(); // the writer dies; what its last write committed, without the eviction after it:
        try (Connection connection = DriverManager.getConnection(TestServices.postgresUrl(), TestServices.postgresUser(), "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement rename = connection.prepareStatement("update project set name = ? where id = ?");
                 PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                rename.setString(1, "Spielplatz am Park");
                rename.setLong(2, project);
                assertThat(rename.executeUpdate()).isEqualTo(1);
                notify.setString(1, EvictionBus.CHANNEL);
                notify.setString(2, PREFIX + "|dead-writer|" + System.currentTimeMillis() + "|projects,projects_activeParticipation");
                notify.executeQuery().close();
            }
            connection.commit(); // heard by no instance: none is listening
        }

        next = instance();
        assertThat(TestInstances.http(next).get(PATH).text()).contains(title("Spielplatz am Park"))
                .doesNotContain(title("Spielplatz Ölmühle"));
    }

    private static String title(String title) {
        return "\"title\":\"" + title + "\"";
    }
}

package berlin.projekte.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.ProjekteApplication;
import berlin.projekte.testsupport.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's run command on a fresh machine: no profile, so H2 in a file, the in-process cache,
 * no Redis, and demo data in the empty database. Started as {@code mvn spring-boot:run} starts it,
 * only with its database in a temporary folder and a free port.
 */
class EmbeddedDefaultTest {

    @TempDir Path folder;

    @Test
    void servesTheOverviewWithDemoDataAtOnceAfterStart() throws Exception {
        long started = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ProjekteApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("projekte")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            Http.Response projects = http.get("/api/projects/");
            Duration untilServed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(projects.status()).isEqualTo(200);
            assertThat(projects.json().size()).as("public fake projects of 550").isBetween(450, 550);
            assertThat(http.get("/api/plans/").json().size()).isEqualTo(550);
            assertThat(http.get("/api/extprojects/").json().size()).isEqualTo(100);
            assertThat(app.getEnvironment().getProperty("projekte.cache.store")).isEqualTo("memory");
            assertThat(Files.exists(folder.resolve("projekte.mv.db"))).isTrue();
            // The documented demo users: the superuser may use the write API, fake-user-1 sees private projects.
            assertThat(http.get("/api/admin/users", "Authorization", Http.basic(DemoData.ADMIN, DemoData.ADMIN)).status()).isEqualTo(200);
            assertThat(http.get("/api/privateprojects/", "Authorization", Http.basic("fake-user-1", FakeInputs.USER_PASSWORD)).json().size())
                    .isPositive();
            System.out.printf("embedded default: /api/projects/ served with demo data %d ms after start%n", untilServed.toMillis());
        }
    }
}

package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL gone (every connection closed and refused) or frozen (connections open, nothing
 * answered), between the application and a real PostgreSQL: cached lists keep serving, anything
 * that needs the database is a {@code 503 {"detail"}} with {@code Retry-After} within 3 s (also a
 * write with valid credentials: never a 401), health answers within 3 s, readiness is DOWN and
 * liveness UP; afterwards everything answers again. The pool and socket timeouts are the
 * application's own (application.properties), not the test's.
 */
class DatabaseOutageTest {

    private static final long WITHIN_MILLIS = 3000;
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool();
    private static TcpLink link;
    private static ConfigurableApplicationContext app;
    private static Http http;
    private static JdbcTemplate jdbc;
    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);
    private long project;

    @BeforeAll
    static void start() {
        URI direct = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        link = new TcpLink(direct.getPort());
        String throughLink = "jdbc:postgresql://127.0.0.1:" + link.port() + direct.getPath();
        app = TestInstances.startOn(throughLink, "--spring.datasource.hikari.maximum-pool-size=3", "--projekte.cache.store=memory");
        http = TestInstances.http(app);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(TestServices.postgresUrl(), TestServices.postgresUser(), ""));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (link != null) {
            link.close();
        }
        CLIENTS.shutdownNow();
    }

    @BeforeEach
    void world() {
        TestData.reset(jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.user("admin", true);
        long organisation = fixtures.organisation("Bezirksamt Mitte");
        project = fixtures.project("Spielplatz Ölmühle", organisation).insert();
        app.getBean(ListCache.class).clear();
    }

    @AfterEach
    void restore() {
        link.restore();
    }

    @Test
    void databaseGone() {
        outage(link::cut);
    }

    @Test
    void databaseFrozen() {
        outage(link::freeze);
    }

    private void outage(Runnable fault) {
        assertThat(http.get("/api/projects/").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        String session = http.login("admin", Fixtures.PASSWORD);

        fault.run();


        // Sent at once, as clients would: each answers within 3 s however many wait on the pool.
        String csrf = http.get("/api/csrf", "Cookie", session).json().get("token").asString();
        Map<String, CompletableFuture<Http.Response>> answers = new LinkedHashMap<>();
        answers.put("cached list", timed("cached list", () -> http.get("/api/projects/")));
        answers.put("uncached list", timed("uncached list", () -> http.get("/api/plans/")));
        // a session was signed in before: its write is refused by the rule's database read, not by the sign-in
        answers.put("session write", timed("write in a signed-in session", () -> http.send("PATCH", "/api/admin/projects/" + project,
                "{\"name\": \"Spielplatz am Park\"}", "Cookie", session, "X-CSRF-TOKEN", csrf)));
        answers.put("basic write", timed("write with valid credentials", () -> http.send("PATCH", "/api/admin/projects/" + project,
                "{\"name\": \"Spielplatz am Park\"}", "Authorization", asAdmin)));
        answers.put("health", timed("health", () -> http.get("/actuator/health")));
        answers.put("readiness", timed("readiness", () -> http.get("/actuator/health/readiness")));
        answers.put("liveness", timed("liveness", () -> http.get("/actuator/health/liveness")));

        Http.Response cached = answers.get("cached list").join();
        assertThat(cached.status()).isEqualTo(200);
        assertThat(cached.text()).contains("Spielplatz Ölmühle");
        assertUnavailable(answers.get("uncached list").join());
        assertUnavailable(answers.get("session write").join());
        assertUnavailable(answers.get("basic write").join());
        assertThat(answers.get("health").join().json().at("/components/db/status").asString()).isEqualTo("DOWN");
        assertThat(answers.get("readiness").join().status()).isEqualTo(503);
        assertThat(answers.get("liveness").join().status()).isEqualTo(200);

        link.restore();

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (http.get("/api/plans/").status() != 200) {
            assertThat(System.nanoTime()).as("answers again after the database is back").isLessThan(deadline);
            sleep(50);
        }
        assertThat(http.send("PATCH", "/api/admin/projects/" + project, "{\"name\": \"Spielplatz am Park\"}",
                "Authorization", asAdmin).status()).isEqualTo(200);
        assertThat(http.get("/api/projects/").text()).contains("Spielplatz am Park");
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private static void assertUnavailable(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo(DatabaseUnavailable.RETRY_AFTER_SECONDS);
        assertThat(response.json().get("detail").asString()).isEqualTo(DatabaseUnavailable.DETAIL);
    }

    /** Sends the request on its own thread; the answer fails the test if it took 3 s or more. */
    private static CompletableFuture<Http.Response> timed(String what, Supplier<Http.Response> request) {
        return CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            Http.Response response = request.get();
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("database outage: %s answered %d in %d ms%n", what, response.status(), millis);
            assertThat(millis).as(what + " answered within 3 s").isLessThan(WITHIN_MILLIS);
            return response;
        }, CLIENTS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package berlin.projekte.cache;

import berlin.projekte.testsupport.RedisKeys;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.projects.TransitionJob;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the application (two contexts, two HTTP ports) on one PostgreSQL and one Redis
 * with the same key prefix, as behind a load balancer. A change written through A is seen through
 * B at once although B had the list cached; the transition job runs on exactly one of them when
 * both are triggered together.
 */
class TwoInstancesTest {

    static final String PREFIX = RedisKeys.uniquePrefix("two-instances");

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static Http httpA;
    private static Http httpB;
    private static JdbcTemplate jdbc;

    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);
    private final String asAlice = Http.basic("alice", Fixtures.PASSWORD);
    private long organisation;
    private long alice;
    private long plan;
    private long project;
    private long external;
    private long privateProject;

    @BeforeAll
    static void startTwoInstances() {
        a = instance();
        b = instance();
        httpA = TestInstances.http(a);
        httpB = TestInstances.http(b);
        jdbc = a.getBean(JdbcTemplate.class);
    }

    /** One instance; arguments rather than default properties, which application.properties would override. */
    private static ConfigurableApplicationContext instance() {
        return TestInstances.start("--projekte.cache.store=redis",
                "--projekte.cache.key-prefix=" + PREFIX,
                "--projekte.cache.refresh-ahead=true",  // as in production: B must not read A's refresh as stale
                // a loaded machine may stall a JVM for seconds; that must not look like a Redis outage here
                "--projekte.cache.alive-ttl=5m",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + TestServices.redisPort());
    }

    @AfterAll
    static void stop() {
        // the lock is held for minutes after a run: leave no lock or window behind for later tests on this database
        if (jdbc != null) {
            jdbc.update("delete from shedlock");
            jdbc.update("delete from transition_check");
        }
        TestInstances.stop(PREFIX, a, b);
    }

    @BeforeEach
    void world() {
        TestData.reset(jdbc);
        jdbc.update("delete from shedlock");
        jdbc.update("delete from transition_check");
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.user("admin", true);
        alice = fixtures.user("alice", false);
        organisation = fixtures.organisation("Bezirksamt Mitte");
        plan = fixtures.plan("Neue Mitte", organisation).insert();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        project = fixtures.project("Spielplatz Ölmühle", organisation).plan(plan)
                .module(Fixtures.phase(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(7)))).insert();
        external = fixtures.project("Mauerpark", organisation).kind("EXTERNAL", "https://mauerpark.example.org/").plan(plan).insert();
        privateProject = fixtures.project("Hofgarten", organisation).access("PRIVATE").insert();
        a.getBean(ListCache.class).clear();
    }

    @Test
    void aProjectChangedThroughAIsSeenThroughB() {
        String path = "/api/projects/?status=activeParticipation";
        warm(path, null);
        assertThat(httpB.get(path).text()).contains(title("Spielplatz Ölmühle"));

        write("PATCH", "/api/admin/projects/" + project, "{\"name\": \"Spielplatz am Park\"}");

        assertThat(httpB.get(path).text()).contains(title("Spielplatz am Park")).doesNotContain(title("Spielplatz Ölmühle"));
    }

    @Test
    void anExternalProjectChangedThroughAIsSeenThroughB() {
        warm("/api/extprojects/", null);

        write("PATCH", "/api/admin/extprojects/" + external, "{\"name\": \"Mauerpark Nord\"}");

        assertThat(httpB.get("/api/extprojects/").text()).contains(title("Mauerpark Nord")).doesNotContain(title("Mauerpark"));
    }

    @Test
    void aPlanChangedThroughAIsSeenThroughBInEveryListThatShowsIt() {
        for (String path : List.of("/api/plans/", "/api/projects/", "/api/extprojects/")) {
            warm(path, null);
        }

        write("PATCH", "/api/admin/plans/" + plan, "{\"title\": \"Mitte 2030\"}");

        assertThat(httpB.get("/api/plans/").text()).contains(title("Mitte 2030")).doesNotContain(title("Neue Mitte"));
        for (String path : List.of("/api/projects/", "/api/extprojects/")) {
            assertThat(httpB.get(path).text()).as(path).contains("\"plan_title\":\"Mitte 2030\"")
                    .doesNotContain("\"plan_title\":\"Neue Mitte\"");
        }
    }

    @Test
    void aMembershipChangedThroughAIsSeenThroughB() {
        warm("/api/privateprojects/", asAlice);
        assertThat(httpB.get("/api/privateprojects/", "Authorization", asAlice).text()).isEqualTo("[]");

        write("PATCH", "/api/admin/projects/" + privateProject, "{\"moderators\": [%d]}".formatted(alice));

        assertThat(httpB.get("/api/privateprojects/", "Authorization", asAlice).text()).contains("Hofgarten");
    }

    @Test
    void theTransitionJobRunsOnExactlyOneInstanceWhenBothAreTriggeredTogether() throws Exception {
        // A phase that started a minute ago: inside the first run's window and already due, so it is evicted at once.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        new Fixtures(jdbc).project("Radweg Invalidenstraße", organisation)
                .module(Fixtures.phase(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(3)))).insert();
        TransitionJob jobA = a.getBean(TransitionJob.class);
        TransitionJob jobB = b.getBean(TransitionJob.class);
        double before = transitionEvictions(a) + transitionEvictions(b);

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> ranOnA = threads.submit(triggeredTogether(jobA, together));
            Future<Boolean> ranOnB = threads.submit(triggeredTogether(jobB, together));
            assertThat(List.of(ranOnA.get(30, TimeUnit.SECONDS), ranOnB.get(30, TimeUnit.SECONDS)))
                    .as("ran on A, ran on B").containsExactlyInAnyOrder(true, false);
        } finally {
            threads.shutdownNow();
        }

        // One run evicts the lists a phase start changes once; two runs would have evicted them twice.
        assertThat(transitionEvictions(a) + transitionEvictions(b) - before).isEqualTo(Evictions.atPhaseBoundary().size());
        assertThat(jdbc.queryForObject("select count(*) from transition_check", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select lock_until > now() from shedlock where name = 'transition-job'", Boolean.class))
                .as("the lock is held for most of an interval, so the other instance's next tick skips too").isTrue();
        assertThat(jobA.runIfLockFree()).isEmpty();
        assertThat(jobB.runIfLockFree()).isEmpty();
    }

    private static String title(String title) {
        return "\"title\":\"" + title + "\"";
    }

    private static Callable<Boolean> triggeredTogether(TransitionJob job, CyclicBarrier together) {
        return () -> {
            together.await(10, TimeUnit.SECONDS);
            return job.runIfLockFree().isPresent();
        };
    }

    private static double transitionEvictions(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).find("projekte.cache.evictions").tag("reason", "transition").counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    /** Reads the list through A (stored in the shared Redis), then through B, which must be a hit from it. */
    private void warm(String path, String auth) {
        Http.Response first = auth == null ? httpA.get(path) : httpA.get(path, "Authorization", auth);
        assertThat(first.status()).isEqualTo(200);
        Http.Response shared = auth == null ? httpB.get(path) : httpB.get(path, "Authorization", auth);
        assertThat(shared.header(ListResponses.X_CACHE)).as("B reads what A stored: " + path).isEqualTo("HIT");
    }

    private void write(String method, String path, String body) {
        Http.Response response = httpA.send(method, path, body, "Authorization", asAdmin);
        assertThat(response.status()).as(method + " " + path + ": " + response.text()).isEqualTo(200);
    }
}

package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import berlin.projekte.cache.redis.RedisStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.StatementCounter;
import berlin.projekte.testsupport.TcpLink;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.TestInstances;
import berlin.projekte.testsupport.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 8's acceptance: two instances of the application on one PostgreSQL and one real Redis,
 * reached through a proxy the test can cut. B keeps near copies (the hit filter serves them); they
 * stay exact: B's very next read after an eviction on A, after a write on A during a Redis outage,
 * and after a right revoked on A never returns the old bytes. No sleeps: every assertion is about
 * the first request after the event.
 */
class NearCopyAcceptanceTest {

    private static final String PREFIX = RedisKeys.uniquePrefix("near-copy");
    private static TcpLink redis;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static Http httpA;
    private static Http httpB;
    private static JdbcTemplate jdbc;

    private final String asAdmin = Http.basic("admin", Fixtures.PASSWORD);
    private final String asAlice = Http.basic("alice", Fixtures.PASSWORD);
    private long alice;
    private long organisation;
    private long external;
    private long privateProject;

    @BeforeAll
    static void startTwoInstances() {
        redis = new TcpLink(TestServices.redisPort());
        a = instance();
        b = instance();
        httpA = TestInstances.http(a);
        httpB = TestInstances.http(b);
        jdbc = a.getBean(JdbcTemplate.class);
    }

    private static ConfigurableApplicationContext instance() {
        return TestInstances.start("--projekte.cache.store=redis",
                "--projekte.cache.key-prefix=" + PREFIX,
                "--projekte.cache.refresh-ahead=true",
                // a loaded machine may stall a JVM for seconds; that must not look like an outage here
                "--projekte.cache.alive-ttl=5m",
                "--spring.data.redis.timeout=5s",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port());
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {a, b}) {
            if (context != null) {
                context.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        RedisKeys.deleteAll(PREFIX);
    }

    @BeforeEach
    void world() {
        awaitCondition("both trust Redis", () -> store(a).reachable() && store(b).reachable());
        TestData.reset(jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.user("admin", true);
        alice = fixtures.user("alice", false);
        organisation = fixtures.organisation("Bezirksamt Mitte");
        external = fixtures.project("Mauerpark", organisation).kind("EXTERNAL", "https://mauerpark.example.org/").insert();
        privateProject = fixtures.project("Hofgarten", organisation).access("PRIVATE").participant(alice).insert();
        a.getBean(ListCache.class).clear();
    }

    private static RedisStore store(ConfigurableApplicationContext instance) {
        return (RedisStore) instance.getBean(ListStore.class);
    }

    @Test
    void anEvictionOnAIsInBsVeryNextRead() {
        ListCache cacheA = a.getBean(ListCache.class);
        for (int round = 1; round <= 20; round++) {
            warmOnB("/api/extprojects/");
            assertThat(RedisFixtures.nearBytes(store(b))).as("B holds a near copy").isPositive();

            jdbc.update("update project set name = ? where id = ?", "Mauerpark " + round, external);
            cacheA.evict(Set.of(ListKey.EXT_PROJECTS), EvictionReason.CHANGE);

            assertThat(httpB.get("/api/extprojects/").text()).as("round " + round)
                    .contains("\"title\":\"Mauerpark " + round + "\"");
        }
    }

    @Test
    void aWriteOnADuringARedisOutageIsNotHiddenByBsNearCopyAfterwards() {
        warmOnB("/api/extprojects/");
        assertThat(RedisFixtures.nearBytes(store(b))).isPositive();

        redis.cut();
        try {
            // precondition, not the assertion: B has noticed that its connection dropped
            awaitCondition("B distrusts Redis", () -> !store(b).reachable());
            Http.Response write = httpA.send("PATCH", "/api/admin/extprojects/" + external, "{\"name\": \"Mauerpark Nord\"}",
                    "Authorization", asAdmin);
            assertThat(write.status()).as(write.text()).isEqualTo(200);
        } finally {
            redis.restore();
        }

        for (int i = 0; i < 5; i++) {
            assertThat(httpB.get("/api/extprojects/").text()).as("read " + i + " on B after the outage")
                    .contains("\"title\":\"Mauerpark Nord\"").doesNotContain("\"title\":\"Mauerpark\"");
        }
        awaitCondition("both trust Redis again", () -> store(a).reachable() && store(b).reachable());
        assertThat(httpB.get("/api/extprojects/").text()).contains("\"title\":\"Mauerpark Nord\"");
    }

    @Test
    void aRevokedParticipantLosesTheProjectOnBAtOnce() {
        warmOnB("/api/privateprojects/", asAlice);
        StatementCounter.Counted hit = StatementCounter.get(httpB, "/api/privateprojects/", "Authorization", asAlice);
        assertThat(hit.response().text()).contains("Hofgarten");
        assertThat(hit.statements()).as("B: a hit, signed in against its remembered row").isZero();
        assertThat(hit.byHitFilter()).as("B: the hit filter").isTrue();

        write("PATCH", "/api/admin/projects/" + privateProject, "{\"participants\": []}");
        storedAgain();

        assertThat(httpB.get("/api/privateprojects/", "Authorization", asAlice).text()).isEqualTo("[]");
        assertThat(httpA.get("/api/privateprojects/", "Authorization", asAlice).text()).isEqualTo("[]");
    }

    @Test
    void aRevokedSuperuserLosesThePrivateProjectsOnBAtOnce() {
        long bob = new Fixtures(jdbc).user("bob", true);
        String asBob = Http.basic("bob", Fixtures.PASSWORD);
        warmOnB("/api/privateprojects/", asBob);
        // served twice from B's remembered viewer: the next read must still see the revocation
        assertHitFilterOnB(asBob);

        write("PATCH", "/api/admin/users/" + bob, "{\"is_superuser\": false}");
        storedAgain();

        assertThat(httpB.get("/api/privateprojects/", "Authorization", asBob).text()).isEqualTo("[]");
    }

    @Test
    void aChangedPasswordTakesEffectOnBAtTheNextRequest() {
        warmOnB("/api/privateprojects/", asAlice);
        // B has signed alice in against its remembered row and remembers her as a viewer
        assertHitFilterOnB(asAlice);

        write("PATCH", "/api/admin/users/" + alice, "{\"password\": \"ein neues Passwort\"}");
        storedAgain();

        Http.Response old = httpB.get("/api/privateprojects/", "Authorization", asAlice);
        assertThat(old.status()).as("the old password on B").isIn(200, 401);
        assertThat(old.text()).as("the old password on B").doesNotContain("Hofgarten");
        assertThat(httpB.get("/api/admin/projects/" + privateProject, "Authorization", asAlice).status())
                .as("the old password on B, write API").isEqualTo(401);
        assertThat(httpB.get("/api/privateprojects/", "Authorization", Http.basic("alice", "ein neues Passwort")).text())
                .as("the new password on B").contains("Hofgarten");
    }

    @Test
    void aRenamedUserCannotSignInOnBUnderTheOldName() {
        warmOnB("/api/privateprojects/", asAlice);
        assertThat(httpB.get("/api/privateprojects/", "Authorization", asAlice).text()).contains("Hofgarten");

        write("PATCH", "/api/admin/users/" + alice, "{\"username\": \"alicia\"}");
        storedAgain();

        assertThat(httpB.get("/api/privateprojects/", "Authorization", asAlice).text()).as("the old name on B")
                .doesNotContain("Hofgarten");
        assertThat(httpB.get("/api/privateprojects/", "Authorization", Http.basic("alicia", Fixtures.PASSWORD)).text())
                .as("the new name on B").contains("Hofgarten");
    }

    /** A stores the list, B reads it from Redis (a hit, keeping a near copy), B reads it again (a hit from the near copy). */
    private void warmOnB(String path, String... auth) {
        String[] headers = auth.length == 0 ? new String[0] : new String[] {"Authorization", auth[0]};
        assertThat(httpA.get(path, headers).status()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            Http.Response response = httpB.get(path, headers);
            assertThat(response.header(ListResponses.X_CACHE)).as("B: " + path).isEqualTo("HIT");
        }
    }

    /** B answers the private list with Hofgarten by its hit filter (remembered row and viewer, no statement). */
    private static void assertHitFilterOnB(String auth) {
        StatementCounter.Counted hit = StatementCounter.get(httpB, "/api/privateprojects/", "Authorization", auth);
        assertThat(hit.response().text()).contains("Hofgarten");
        assertThat(hit.byHitFilter()).as("B: the hit filter").isTrue();
    }

    /**
     * The list stored again after the change (B reads it anonymously, which remembers nobody), so
     * B's next read is a hit: a candidate for B's hit filter, which must refuse it itself.
     */
    private static void storedAgain() {
        httpB.get("/api/privateprojects/");
        assertThat(httpB.get("/api/privateprojects/").header(ListResponses.X_CACHE)).isEqualTo("HIT");
    }

    /**
     * A write on A; returns once B has also applied A's notification of it (EvictionBus), which bumps
     * the generation once more: otherwise that second bump could land between a test's "stored
     * again" and its next read, and make the read a miss. Nothing B serves depends on it.
     */
    private void write(String method, String path, String body) {
        long applied = notificationsAppliedOnB();
        Http.Response response = httpA.send(method, path, body, "Authorization", asAdmin);
        assertThat(response.status()).as(method + " " + path + ": " + response.text()).isEqualTo(200);
        awaitCondition("B applied A's eviction notification", () -> notificationsAppliedOnB() > applied);
    }

    private static long notificationsAppliedOnB() {
        Timer applied = b.getBean(MeterRegistry.class).find("projekte.cache.eviction.notification").timer();
        return applied == null ? 0 : applied.count();
    }

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 10 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}

package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.StatementCounter;
import berlin.projekte.testsupport.TestData;
import berlin.projekte.testsupport.WriteApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a signed-in user may see and do follows the database at every request, not what was true
 * when they signed in: a session (or a remembered password check, or an HTTP Basic sign-in against
 * a remembered row) must not keep a revoked superuser flag or a deleted user alive, and a user
 * deleted and created again under the same name is the new user at once.
 */
class RevokedAccessTest extends WriteApiTest {

    @Autowired ListCache cache;

    private long boss;
    private long participant;
    private long participated;
    private long secret;

    @BeforeEach
    void privateProjects() throws InterruptedException {
        boss = fixtures.user("boss", true);
        participant = fixtures.user("pia", false);
        participated = fixtures.project("Bürgerhaushalt intern", organisation).access("PRIVATE").participant(participant).insert();
        secret = fixtures.project("Personalrat", organisation).access("PRIVATE").insert();
        // after the inserts (plain SQL, no change event): whatever the refresh-ahead recomputes sees them
        cache.clear();
        assertThat(cache.awaitRefreshes(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aRevokedSuperuserFlagCountsAtTheNextRequestOfAnOpenSession() {
        String session = http.login("boss", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Cookie", session)).containsExactly(secret, participated); // newest first
        assertThat(http.get("/api/admin/users", "Cookie", session).status()).isEqualTo(200);

        ok(send("PATCH", "/api/admin/users/" + boss, "{\"is_superuser\": false}", asAdmin), 200);

        assertThat(privateProjectIds("Cookie", session)).as("same session, flag revoked").isEmpty();
        assertThat(privateProjectIds("Authorization", Http.basic("boss", Fixtures.PASSWORD))).as("Basic, flag revoked").isEmpty();
        assertThat(http.get("/api/admin/users", "Cookie", session).status()).isEqualTo(403);

        ok(send("PATCH", "/api/admin/users/" + participant, "{\"is_superuser\": true}", asAdmin), 200);
        assertThat(privateProjectIds("Authorization", Http.basic("pia", Fixtures.PASSWORD))).as("granted at once")
                .containsExactly(secret, participated); // newest first
    }

    @Test
    void aRevokedSuperuserSignedInAgainstARememberedRowSeesOnlyTheirOwnProjectsAtOnce() {
        long own = fixtures.project("Gremium", organisation).access("PRIVATE").moderator(boss).insert();
        cache.clear();
        String asBoss = Http.basic("boss", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Authorization", asBoss)).containsExactly(own, secret, participated); // newest first
        assertThat(statements("Authorization", asBoss)).as("a hit signed in against the remembered row").isZero();

        ok(send("PATCH", "/api/admin/users/" + boss, "{\"is_superuser\": false}", asAdmin), 200);

        assertThat(idsOfTheNextHit("Authorization", asBoss)).as("flag revoked").containsExactly(own);
    }

    @Test
    void aRevokedParticipantLosesTheProjectAtTheNextRequest() {
        String asPia = Http.basic("pia", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Authorization", asPia)).containsExactly(participated);
        assertThat(statements("Authorization", asPia)).as("a hit signed in against the remembered row").isZero();

        ok(send("PATCH", "/api/admin/projects/" + participated, "{\"participants\": []}", asAdmin), 200);

        assertThat(idsOfTheNextHit("Authorization", asPia)).as("participation revoked").isEmpty();
    }

    @Test
    void aUserDeletedAndCreatedAgainThroughTheApiWithTheSamePasswordIsTheNewUserAtTheNextRequest() {
        String asPia = Http.basic("pia", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Authorization", asPia)).containsExactly(participated);
        assertThat(statements("Authorization", asPia)).as("a hit signed in against the remembered row").isZero();

        ok(send("DELETE", "/api/admin/users/" + participant, null, asAdmin), 204);
        long again = ok(send("POST", "/api/admin/users", "{\"username\": \"pia\", \"password\": \"%s\"}"
                .formatted(Fixtures.PASSWORD), asAdmin), 201).get("id").asLong();
        ok(send("PATCH", "/api/admin/projects/" + secret, "{\"participants\": [%d]}".formatted(again), asAdmin), 200);

        // the write API never signs in against a remembered row: signed in as the new pia, who is no superuser
        assertThat(http.get("/api/admin/users", "Authorization", asPia).status()).isEqualTo(403);
        assertThat(idsOfTheNextHit("Authorization", asPia)).as("the new pia").containsExactly(secret);
        assertThat(statements("Authorization", asPia)).as("the new row is remembered").isZero();
    }

    @Test
    void aUserDeletedAndCreatedAgainInTheDatabaseIsTheNewUserAfterTheCacheIsCleared() {
        String asPia = Http.basic("pia", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Authorization", asPia)).containsExactly(participated);
        assertThat(statements("Authorization", asPia)).as("a hit signed in against the remembered row").isZero();

        // as tests do between classes: the same username and password hash, a new id, no change event
        TestData.reset(jdbc);
        fixtures.user("admin", true);
        long again = fixtures.user("pia", false);
        long project = fixtures.project("Kiezrat", fixtures.organisation("Bezirksamt Pankow")).access("PRIVATE").participant(again).insert();
        cache.clear();

        assertThat(privateProjectIds("Authorization", asPia)).as("the new pia").containsExactly(project);
        assertThat(statements("Authorization", asPia)).as("the new row is remembered").isZero();
    }

    @Test
    void aRevokedSuperuserCannotClearTheCacheFromAnOpenSession() {
        String session = http.login("boss", Fixtures.PASSWORD);
        String token = http.get("/api/csrf", "Cookie", session).json().get("token").asString(); // a session write needs it
        assertThat(http.send("POST", "/api/admin/cache/clear", null, "Cookie", session, "X-CSRF-TOKEN", token).status()).isEqualTo(200);

        ok(send("PATCH", "/api/admin/users/" + boss, "{\"is_superuser\": false}", asAdmin), 200);

        Http.Response denied = http.send("POST", "/api/admin/cache/clear", null, "Cookie", session, "X-CSRF-TOKEN", token);
        assertThat(denied.status()).as(denied.text()).isEqualTo(403);
        assertThat(http.send("POST", "/api/admin/cache/clear", null, "Authorization", Http.basic("boss", Fixtures.PASSWORD)).status())
                .isEqualTo(403);
    }

    @Test
    void aChangedPasswordEndsTheUsersOpenSessionsAndTheOldPasswordAtTheNextRequest() {
        String piaSession = http.login("pia", Fixtures.PASSWORD);
        String asPia = Http.basic("pia", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Cookie", piaSession)).containsExactly(participated);
        assertThat(privateProjectIds("Authorization", asPia)).containsExactly(participated);
        assertThat(statements("Authorization", asPia)).as("a hit signed in against the remembered row").isZero();

        ok(send("PATCH", "/api/admin/users/" + participant, "{\"password\": \"ein neues Passwort\"}", asAdmin), 200);

        storedAgain();
        assertThat(http.get("/api/privateprojects/", "Authorization", asPia).status()).as("the old password").isEqualTo(401);
        assertThat(http.get("/api/privateprojects/", "Cookie", piaSession).status()).isEqualTo(401);
        assertThat(privateProjectIds("Authorization", Http.basic("pia", "ein neues Passwort"))).containsExactly(participated);
        assertThat(http.get("/api/privateprojects/", "Authorization", asPia).status()).as("the old password, again").isEqualTo(401);
    }

    @Test
    void aDeletedUsersOpenSessionSeesAndDoesNothing() {
        String bossSession = http.login("boss", Fixtures.PASSWORD);
        String piaSession = http.login("pia", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Cookie", bossSession)).containsExactly(secret, participated); // newest first
        assertThat(privateProjectIds("Cookie", piaSession)).containsExactly(participated);
        String asBoss = Http.basic("boss", Fixtures.PASSWORD);
        assertThat(privateProjectIds("Authorization", asBoss)).containsExactly(secret, participated);
        assertThat(statements("Authorization", asBoss)).as("a hit signed in against the remembered row").isZero();

        ok(send("DELETE", "/api/admin/users/" + boss, null, asAdmin), 204);
        ok(send("DELETE", "/api/admin/users/" + participant, null, asAdmin), 204);

        storedAgain();
        assertThat(http.get("/api/privateprojects/", "Authorization", asBoss).status())
                .as("Basic with a deleted user's remembered row and password").isEqualTo(401);
        assertThat(http.get("/api/privateprojects/", "Cookie", bossSession).status()).as("deleted superuser").isEqualTo(401);
        assertThat(http.get("/api/privateprojects/", "Cookie", piaSession).status()).as("deleted participant").isEqualTo(401);
        assertThat(http.get("/api/admin/users", "Cookie", bossSession).status()).isEqualTo(401);
    }

    /** The SQL statements of one {@code GET /api/privateprojects/} (a 200); Basic ones answered by the hit filter. */
    private int statements(String... headers) {
        StatementCounter.Counted counted = StatementCounter.get(http, "/api/privateprojects/", headers);
        assertThat(counted.response().status()).as(counted.response().text()).isEqualTo(200);
        assertThat(counted.byHitFilter()).as("the hit filter").isEqualTo(headers[0].equals("Authorization"));
        return counted.statements();
    }

    /**
     * Stores the list again after the change (read anonymously, which remembers nobody), so the
     * next request is a hit: a candidate that the hit filter must refuse itself.
     */
    private void storedAgain() {
        assertThat(http.get("/api/privateprojects/").text()).isEqualTo("[]");
    }

    /** {@link #privateProjectIds} of the first request after the change, a hit. */
    private List<Long> idsOfTheNextHit(String... headers) {
        storedAgain();
        Http.Response response = http.get("/api/privateprojects/", headers);
        assertThat(response.header("X-Cache")).isEqualTo("HIT");
        return ids(response);
    }

    private List<Long> privateProjectIds(String... headers) {
        return ids(http.get("/api/privateprojects/", headers));
    }

    private static List<Long> ids(Http.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : response.json()) {
            ids.add(item.get("id").asLong());
        }
        return ids;
    }
}

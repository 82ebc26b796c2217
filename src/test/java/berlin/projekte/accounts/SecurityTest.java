package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.testsupport.WriteApiTest;
import berlin.projekte.testsupport.Http;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** Open read endpoints, Basic and session login, the principal, bootstrapping a superuser. */
class SecurityTest extends WriteApiTest {

    @Autowired Superusers superusers;
    @Autowired AccountUserDetailsService users;
    @Autowired ListCache cache;

    @Test
    void readEndpointsAreOpenToAnonymousAndToSignedInUsers() {
        for (String path : List.of("/api/projects/", "/api/privateprojects/", "/api/extprojects/", "/api/plans/", "/actuator/health")) {
            Http.Response anonymous = http.get(path);
            assertThat(anonymous.status()).as(path).isEqualTo(200);
            Http.Response signedIn = http.get(path, "Authorization", asAdmin);
            assertThat(signedIn.status()).as(path).isEqualTo(200);
        }
        assertThat(http.get("/api/admin/projects").status()).isEqualTo(401);
    }

    @Test
    void theSessionLoginWorksForTheWriteApi() {
        String[] csrf = http.csrf(); // as the overview page's form gets it
        String cookie = csrf[0];
        Http.Response login = http.send("POST", "/login", null, "Content-Type", "application/x-www-form-urlencoded", "Cookie", cookie);
        assertThat(login.status()).isEqualTo(403); // without a body: no CSRF token
        Http.Response wrong = sendForm("/login", "username=admin&password=wrong&_csrf=" + csrf[1], cookie);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).contains("\"detail\":\"Wrong username or password.\"");
        Http.Response signedIn = sendForm("/login", "username=admin&password=" + berlin.projekte.testsupport.Fixtures.PASSWORD
                + "&_csrf=" + csrf[1], cookie);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).doesNotContain("error");
        String session = signedIn.header("Set-Cookie") == null ? cookie : signedIn.header("Set-Cookie").split(";")[0];
        Http.Response admin = http.get("/api/admin/organisations", "Cookie", session);
        assertThat(admin.status()).isEqualTo(200);
    }

    /** Decided: the overview page has the sign-in form; Spring's generated login and logout pages are not served. */
    @Test
    void thereIsNoGeneratedLoginOrLogoutPage() {
        for (String path : List.of("/login", "/login?error", "/logout")) {
            Http.Response page = http.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.header("Content-Type")).as(path).startsWith("application/json");
        }
        Http.Response browser = http.get("/somewhere-signed-in", "Accept", "text/html");
        assertThat(browser.status()).isEqualTo(302);
        assertThat(browser.header("Location")).endsWith("/projekte/");
    }

    @Test
    void aBasicSignInHoldsForItsOwnRequestOnlyNeverForASession() {
        long alice = fixtures.user("alice", false);
        fixtures.project("Hofgarten", organisation).access("PRIVATE").participant(alice).insert();
        cache.clear(); // plain SQL, no change event
        String asAlice = Http.basic("alice", berlin.projekte.testsupport.Fixtures.PASSWORD);
        String session = http.csrf()[0]; // an anonymous session

        for (int i = 0; i < 2; i++) { // signed in from the database, then against the remembered row
            Http.Response basic = http.get("/api/privateprojects/", "Authorization", asAlice, "Cookie", session);
            assertThat(basic.text()).contains("Hofgarten");
            assertThat(basic.header("Set-Cookie")).as("no session of its own").isNull();
            assertThat(http.get("/api/privateprojects/", "Cookie", session).text()).as("the session is still anonymous").isEqualTo("[]");
        }
        Http.Response alone = http.get("/api/privateprojects/", "Authorization", asAlice);
        assertThat(alone.text()).contains("Hofgarten");
        assertThat(alone.header("Set-Cookie")).isNull();
    }

    private Http.Response sendForm(String path, String form, String cookie) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
            var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Http.Response(response.statusCode(), response.headers(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void viewersCarryTheUsersIdAndSuperuserFlag() {
        assertThat(Viewers.of(null)).isEqualTo(Viewer.ANONYMOUS);
        assertThat(Viewers.of(new AnonymousAuthenticationToken("k", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(Viewer.ANONYMOUS);
        AccountUser user = users.loadUserByUsername("admin");
        assertThat(user.id()).isEqualTo(admin);
        assertThat(user.getAuthorities().toString()).contains(AccountUser.ROLE_SUPERUSER);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        assertThat(Viewers.of(authentication)).isEqualTo(new Viewer(admin, true));
    }

    @Test
    void createOrResetSuperuserBootstrapsTheWriteApi() {
        assertThat(superusers.createOrResetSuperuser("root", "first-pw")).isEqualTo(Superusers.Outcome.CREATED);
        assertThat(events.all()).isEmpty();
        assertThat(send("GET", "/api/admin/users", null, Http.basic("root", "first-pw")).status()).isEqualTo(200);
        fixtures.user("plain", false);
        assertThat(superusers.createOrResetSuperuser("plain", "second-pw")).isEqualTo(Superusers.Outcome.RESET);
        assertThat(events.all()).containsExactly(new MembershipChanged("superuser"));
        assertThat(send("GET", "/api/admin/users", null, Http.basic("plain", "second-pw")).status()).isEqualTo(200);
        assertThat(superusers.createOrResetSuperuser("root", "new-pw")).isEqualTo(Superusers.Outcome.RESET);
        assertThat(send("GET", "/api/admin/users", null, Http.basic("root", "first-pw")).status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select password_hash from app_user where username = 'root'", String.class)).startsWith("{bcrypt}");
    }
}

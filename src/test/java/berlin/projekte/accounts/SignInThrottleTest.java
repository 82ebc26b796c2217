package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.WriteApiTest;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Failed sign-ins are throttled per username (default: 10 in a burst) and per client address
 * (default: 50 in a burst), on one instance without Redis (the embedded default). Each test signs in from its own loopback addresses (127.0.0.x) and as its own users, so
 * the shared application's buckets for 127.0.0.1 and {@code admin}, which other tests use, stay full.
 */
class SignInThrottleTest extends WriteApiTest {

    @Test
    void wrongPasswordsForOneAccountGetA429WithinTwentyTriesAndTheRightOneWaitsToo() {
        fixtures.user("target-one", false);
        String from = "127.0.0.11";
        int tries = 0;
        RawHttp.Response response;
        do {
            tries++;
            response = basic(from, "target-one", "guess-" + tries);
        } while (response.status() == 401 && tries < 20);
        assertThat(response.status()).as("after " + tries + " wrong passwords").isEqualTo(429);
        assertThat(tries).isLessThanOrEqualTo(20);
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).contains("\"detail\":\"Too many failed sign-ins");

        assertThat(basic(from, "target-one", Fixtures.PASSWORD).status()).as("the right password, straight after").isEqualTo(429);
        assertThat(formLogin(from, "target-one", Fixtures.PASSWORD).status()).as("the login form").isEqualTo(429);
        assertThat(basic(from, "admin", Fixtures.PASSWORD).status()).as("another user from the same address: its budget is looser")
                .isEqualTo(200);
        assertThat(http.get("/api/plans/").status()).as("other addresses").isEqualTo(200);
        assertThat(basic("127.0.0.12", "admin", Fixtures.PASSWORD).status()).as("another address").isEqualTo(200);
    }

    @Test
    void wrongPasswordsForOneUsernameFromManyAddressesThrottleThatUsernameKnownOrNot() {
        fixtures.user("target-two", false);
        for (String username : new String[] {"target-two", "nobody-by-this-name"}) {
            int address = username.startsWith("target") ? 20 : 40;
            for (int i = 0; i < 10; i++) {
                assertThat(basic("127.0.0." + (address + i), username, "guess").status()).isEqualTo(401);
            }
            RawHttp.Response throttled = basic("127.0.0." + (address + 10), username, Fixtures.PASSWORD);
            assertThat(throttled.status()).as(username).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isNotNull();
            assertThat(basic("127.0.0." + (address + 10), "admin", Fixtures.PASSWORD).status()).as("that address, another user").isEqualTo(200);
        }
    }

    @Test
    void manyNamesFromOneAddressExhaustTheAddressBudgetForEveryoneThere() {
        String from = "127.0.0.90";
        long start = System.nanoTime();
        int tries = 0;
        RawHttp.Response response;
        do {
            tries++;
            response = basic(from, "stuffed-" + tries, "password1");
        } while (response.status() == 401 && tries < 500); // drains as long as a try takes under the 1.2 s of a regained one
        assertThat(response.status()).as("after " + tries + " names, a name new each time: the address waits").isEqualTo(429);
        // an unknown name costs a BCrypt check too (against timing): a minute's 50 are regained one by one meanwhile
        long regained = Duration.ofNanos(System.nanoTime() - start).dividedBy(Duration.ofMillis(1200));
        assertThat(tries).as("the address budget, 50 a minute, " + regained + " regained").isBetween(51, 51 + (int) regained);
        assertThat(basic("127.0.0.91", "stuffed-1", "password1").status()).as("those names from elsewhere: one failure each")
                .isEqualTo(401);
    }

    @Test
    void theBackoffEndsByItselfNoLockout() throws InterruptedException {
        fixtures.user("target-three", false);
        RawHttp.Response response;
        int tries = 0;
        do {
            response = basic("127.0.0.60", "target-three", "guess-" + ++tries);
        } while (response.status() == 401 && tries < 20);
        assertThat(response.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).as("a burst of 10 comes back within a minute: one try after about 6 s").isLessThanOrEqualTo(7);
        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis() + 200); // time passing is what is tested
        assertThat(basic("127.0.0.60", "target-three", Fixtures.PASSWORD).status()).isEqualTo(200);
    }

    private RawHttp.Response basic(String from, String username, String password) {
        return RawHttp.send(from, port, RawHttp.get("/api/privateprojects/", "Authorization: " + Http.basic(username, password)),
                Duration.ofSeconds(10));
    }

    private RawHttp.Response formLogin(String from, String username, String password) {
        RawHttp.Response csrf = RawHttp.send(from, port, RawHttp.get("/api/csrf"), Duration.ofSeconds(10));
        String cookie = csrf.header("Set-Cookie").split(";")[0];
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(csrf.body());
        assertThat(token.find()).isTrue();
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        return RawHttp.send(from, port, "POST /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: " + cookie
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n" + form,
                Duration.ofSeconds(10));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.WriteApiTest;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RawHttp;
import berlin.projekte.testsupport.RequestLog;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The faults a fuzzing run found (issue 12), each as it was sent: malformed headers and query
 * strings, what Tomcat refuses itself, a body that never comes, over-long passwords, session
 * writes without their CSRF token, and the log they leave.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest extends WriteApiTest {

    static final List<String> LISTS = List.of("/api/projects/", "/api/privateprojects/", "/api/extprojects/", "/api/plans/");
    static final List<String> UNDECODABLE_QUERIES = List.of("status=%ff%fe", "=", "status=%zz", "status=%c3%28");

    @Test
    void anUndecodablePathParameterIsA400() {
        // found by the fuzz suite at 20,000 tries: Spring's path parser threw on it, a 500
        for (String method : List.of("GET", "HEAD", "DELETE")) {
            for (String path : List.of("/qxkd;by%Ca%Fz%c3%28", "/api/plans/;a=%zz", "/api/admin/projects/1;x=%ff%fe")) {
                RawHttp.Response response = RawHttp.send(port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        Duration.ofSeconds(10));
                assertThat(response.status()).as(method + " " + path).isEqualTo(400);
                assertThat(response.header("Content-Type")).as(method + " " + path).startsWith("application/json");
                if (!method.equals("HEAD")) { // this filter's answer, or the firewall's where it looks first
                    assertThat(response.body()).as(method + " " + path).isIn("{\"detail\":\"Malformed path parameter.\"}",
                            "{\"detail\":\"Request rejected: the URL or a header has characters that are not allowed.\"}");
                }
            }
        }
    }

    @Test
    void aMalformedAcceptEncodingIsIgnored() {
        for (String path : LISTS) {
            for (String acceptEncoding : List.of(";", ",,,;;;", ";q=1", "gzip;q=", ",", "gzip;;", "*;q=x, ;")) {
                Http.Response response = http.get(path, "Accept-Encoding", acceptEncoding);
                assertThat(response.status()).as(path + " with Accept-Encoding '" + acceptEncoding + "'").isEqualTo(200);
                if (response.header("Content-Encoding") == null) {
                    assertThat(response.json().isArray()).isTrue();
                }
            }
        }
    }

    @Test
    void anUndecodableQueryIsA400ForGetAndHeadAlike() {
        for (String path : LISTS) {
            for (String query : UNDECODABLE_QUERIES) {
                String target = path + "?" + query;
                RawHttp.Response head = RawHttp.send(port, "HEAD " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        Duration.ofSeconds(10));
                RawHttp.Response get = RawHttp.send(port, RawHttp.get(target), Duration.ofSeconds(10));
                assertThat(head.status()).as("HEAD " + target).isEqualTo(get.status());
                assertThat(get.status()).as("GET " + target).isEqualTo(400);
                assertThat(head.header("Content-Type")).startsWith("application/json");
                assertThat(get.body()).isEqualTo("{\"detail\":\"Malformed query string.\"}");
            }
        }
    }

    @Test
    void passwordsOverBcryptsSeventyTwoBytesAreA400AndNothingIsWritten() {
        String ascii73 = "a".repeat(73);
        JsonNode created = ok(send("POST", "/api/admin/users/", """
                {"username": "long", "password": "%s"}""".formatted(ascii73), asAdmin), 400);
        assertThat(created.get("errors").get("password").asString()).contains("72 bytes");
        assertThat(count("app_user")).isEqualTo(1);

        long pia = ok(send("POST", "/api/admin/users/", """
                {"username": "pia", "password": "%s"}""".formatted("a".repeat(72)), asAdmin), 201).get("id").asLong();
        assertThat(http.get("/api/admin/users/", "Authorization", Http.basic("pia", "a".repeat(72))).status()).isEqualTo(403);
        String emoji = "\uD83D\uDE00".repeat(100);
        JsonNode patched = ok(send("PATCH", "/api/admin/users/" + pia, "{\"password\": \"" + emoji + "\"}", asAdmin), 400);
        assertThat(patched.get("errors").get("password").asString()).contains("72 bytes");
        ok(send("PATCH", "/api/admin/users/" + pia, "{\"password\": \"" + "\uD83D\uDE00".repeat(18) + "\"}", asAdmin), 200);
        // Signing in with a longer one is no 500 either: BCrypt compares the first 72 bytes, as it always did
        // (so every stored hash keeps working).
        assertThat(http.get("/api/privateprojects/", "Authorization", Http.basic("pia", emoji)).status()).isEqualTo(200);
        assertThat(http.get("/api/privateprojects/", "Authorization", Http.basic("pia", "b" + emoji)).status()).isEqualTo(401);
    }

    @Test
    void aSessionWriteNeedsTheCsrfTokenABasicWriteDoesNot() {
        String session = http.login("admin", Fixtures.PASSWORD);
        String organisation = "{\"name\": \"Quartiersmanagement\"}";
        Http.Response withoutToken = http.send("POST", "/api/admin/organisations/", organisation, "Cookie", session);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.json().get("detail").asString()).contains("CSRF");
        Http.Response deleteWithoutToken = http.send("DELETE", "/api/admin/organisations/" + this.organisation, null, "Cookie", session);
        assertThat(deleteWithoutToken.status()).isEqualTo(403);
        assertThat(count("organisation")).isEqualTo(1);

        JsonNode csrf = http.get("/api/csrf", "Cookie", session).json();
        assertThat(csrf.get("header_name").asString()).isEqualTo("X-CSRF-TOKEN");
        Http.Response wrongToken = http.send("POST", "/api/admin/organisations/", organisation, "Cookie", session,
                "X-CSRF-TOKEN", "forged");
        assertThat(wrongToken.status()).isEqualTo(403);
        ok(http.send("POST", "/api/admin/organisations/", organisation, "Cookie", session,
                "X-CSRF-TOKEN", csrf.get("token").asString()), 201);
        ok(send("POST", "/api/admin/organisations/", "{\"name\": \"Stadtteilzentrum\"}", asAdmin), 201);
        // without any credentials it stays a 401
        assertThat(http.send("POST", "/api/admin/organisations/", organisation).status()).isEqualTo(401);
        assertThat(count("organisation")).isEqualTo(3);
    }

    @Test
    void whatTomcatRefusesItselfIsAnsweredInJson() {
        String manyTags = IntStream.range(0, 2000).mapToObj(i -> "\"%032x\"".formatted(i)).collect(Collectors.joining(","));
        String longPassword = Base64.getEncoder().encodeToString(("admin:" + "x".repeat(10_000)).getBytes());
        List<String> requests = List.of(
                RawHttp.get("/api/plans/", "If-None-Match: " + manyTags),
                RawHttp.get("/api/privateprojects/", "Authorization: Basic " + longPassword),
                RawHttp.get("/api/plans/{|}"),
                RawHttp.get("/api/plans/\u0001"),
                "TRACE /api/plans/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /api/plans/ HTTP/2.0\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        for (String request : requests) {
            RawHttp.Response response = RawHttp.send(port, request, Duration.ofSeconds(10));
            String as = request.substring(0, Math.min(60, request.length()));
            assertThat(response.status()).as(as).isBetween(400, 505);
            assertThat(response.header("Content-Type")).as(as + "\n" + response.text()).startsWith("application/json");
            assertThat(response.body()).as(as).startsWith("{\"detail\":\"").doesNotContain("Tomcat", "Exception");
        }
    }

    @Test
    void aGetThatDeclaresABodyItNeverSendsIsAnsweredAtOnce() {
        for (String path : List.of("/actuator/health", "/api/plans/")) {
            RawHttp.Response response = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\n",
                    Duration.ofSeconds(10));
            assertThat(response.status()).as(path + ": " + response.text()).isEqualTo(200);
            assertThat(response.elapsed()).as(path).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void browsersGetAContentSecurityPolicyAndAReferrerPolicyButNoHstsByDefault() {
        for (String path : List.of("/api/plans/", "/projekte/", "/api/admin/projects/")) {
            Http.Response response = http.get(path);
            assertThat(response.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'self'", "img-src 'self' data: https:", "frame-ancestors 'none'");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
            assertThat(response.header("Strict-Transport-Security")).as(path).isNull();
        }
    }

    @Test
    void clientErrorsLeaveNoErrorAndNoStackTraceInTheLog(CapturedOutput log) {
        int before = log.getAll().length();
        for (String query : UNDECODABLE_QUERIES) {
            RawHttp.send(port, "HEAD /api/projects/?" + query + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                    Duration.ofSeconds(10));
            RawHttp.send(port, RawHttp.get("/api/projects/?" + query), Duration.ofSeconds(10));
        }
        http.get("/api/plans/", "Accept-Encoding", ";");
        send("POST", "/api/admin/projects/", "{\"name\": ", asAdmin);
        send("POST", "/api/admin/users/", "{\"username\": \"x\", \"password\": \"" + "b".repeat(80) + "\"}", asAdmin);
        RawHttp.send(port, RawHttp.get("/api/plans/{|}"), Duration.ofSeconds(10));
        RawHttp.send(port, RawHttp.get("/api/plans/", "X-Big: " + "y".repeat(10_000)), Duration.ofSeconds(10));
        String written = RequestLog.of(log.getAll().substring(before));
        assertThat(written).doesNotContain(" ERROR ", "\tat ", "Exception:");
    }
}

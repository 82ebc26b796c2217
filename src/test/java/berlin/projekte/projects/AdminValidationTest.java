package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.WriteApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input through the whole application: references checked against the database, nothing
 * written or announced after a 400, body limits and protocol errors on a real server. What only
 * parses or checks a body is tested in the web slice ({@code web/RequestBindingTest}).
 */
class AdminValidationTest extends WriteApiTest {

    private JsonNode badProject(String body, int status) {
        JsonNode json = ok(send("POST", "/api/admin/projects", body, asAdmin), status);
        assertThat(json.get("detail").isString()).isTrue();
        assertThat(json.toString()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("insert ").doesNotContain("at berlin.");
        return json;
    }

    @Test
    void districtsAndTopicsAreCheckedAgainstTheReferenceData() {
        JsonNode refs = badProject("""
                {"name": "x", "organisation": %d, "access": "PUBLIC", "district": "xx", "topics": ["URB", "NOPE"]}
                """.formatted(organisation), 400);
        assertThat(refs.get("errors").get("district").asString()).contains("mi");
        assertThat(refs.get("errors").get("topics").asString()).contains("unknown topic");
        assertThat(count("project")).isZero();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void referencesAreCheckedAndAnInvalidModuleWritesNothing() {
        JsonNode refs = badProject("""
                {"name": "x", "organisation": 999999, "access": "PUBLIC", "moderators": [999998], "plans": [999997],
                 "group": 999996}""", 400);
        assertThat(refs.get("errors").get("organisation").asString()).isEqualTo("unknown organisation");
        assertThat(refs.get("errors").get("moderators").asString()).contains("unknown user");
        assertThat(refs.get("errors").get("plans").asString()).contains("unknown plan");
        assertThat(refs.get("errors").get("group").asString()).isEqualTo("unknown group");

        JsonNode backwards = badProject("""
                {"name": "x", "organisation": %d, "access": "PUBLIC", "modules": [
                  {"name": "ok", "phases": [{"name": "p", "start_date": "2026-05-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}]},
                  {"name": "bad", "phases": [
                    {"name": "backwards", "start_date": "2026-05-01T00:00:00Z", "end_date": "2026-04-01T00:00:00Z"}]}]}
                """.formatted(organisation), 400);
        assertThat(backwards.get("errors").get("modules[1].phases[0].end_date").asString()).isEqualTo("must not be before start_date");
        // Nothing partially written: no project, module or phase row.
        assertThat(count("project") + count("module") + count("phase")).isZero();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aFailingUpdateLeavesTheProjectAsItWas() {
        long id = ok(send("POST", "/api/admin/projects", """
                {"name": "Stabil", "organisation": %d, "access": "PUBLIC", "topics": ["URB"],
                 "modules": [{"name": "m", "phases": [{"name": "p", "start_date": "2026-05-01T00:00:00Z"}]}]}
                """.formatted(organisation), asAdmin), 201).get("id").asLong();
        JsonNode before = ok(send("GET", "/api/admin/projects/" + id, null, asAdmin), 200);
        events.clear();
        ok(send("PUT", "/api/admin/projects/" + id, """
                {"name": "Geändert", "organisation": %d, "access": "PUBLIC", "topics": [],
                 "modules": [{"name": "m", "phases": []}, {"name": "m2", "phases": [
                    {"name": "p", "start_date": "2026-05-01T00:00:00Z", "end_date": "2025-05-01T00:00:00Z"}]}]}
                """.formatted(organisation), asAdmin), 400);
        assertThat(ok(send("GET", "/api/admin/projects/" + id, null, asAdmin), 200)).isEqualTo(before);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void oversizedBodiesAre400WithoutBeingRead() throws Exception {
        String padding = "x".repeat(1024 * 1024 + 10);
        String big = "{\"name\": \"x\", \"description\": \"" + padding + "\"}";
        // Declared length over the limit.
        Http.Response declared = send("POST", "/api/admin/projects", big, asAdmin);
        assertThat(declared.status()).isEqualTo(400);
        assertThat(declared.json().get("detail").asString()).contains("1 MiB");
        // Chunked (no Content-Length): cut off once over the limit.
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/projects"))
                .header("Content-Type", "application/json").header("Authorization", asAdmin)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .timeout(Duration.ofSeconds(30)).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("1 MiB");
        assertThat(count("project")).isZero();
        // Just under the limit is read normally (and then validated).
        String fine = "{\"name\": \"x\", \"information\": \"" + "y".repeat(1000) + "\", \"organisation\": %d, \"access\": \"PUBLIC\"}"
                .formatted(organisation);
        ok(send("POST", "/api/admin/projects", fine, asAdmin), 201);
    }

    @Test
    void protocolErrorsAreJsonToo() {
        JsonNode method = ok(send("POST", "/api/admin/projects/1", "{}", asAdmin), 405);
        assertThat(method.get("detail").asString()).contains("POST");
        Http.Response mediaType = http.send("POST", "/api/admin/projects", null, "Authorization", asAdmin, "Content-Type", "text/plain");
        assertThat(mediaType.status()).isEqualTo(415);
        assertThat(mediaType.json().get("detail").isString()).isTrue();
        JsonNode typeMismatch = ok(send("GET", "/api/admin/projects/abc", null, asAdmin), 400);
        assertThat(typeMismatch.get("errors").get("id").asString()).isEqualTo("must be a number");
        JsonNode empty = ok(http.send("POST", "/api/admin/projects", "", "Authorization", asAdmin), 400);
        assertThat(empty.get("detail").isString()).isTrue();
        Http.Response html = http.get("/no/such/page", "Accept", "text/html", "Authorization", asAdmin);
        assertThat(html.status()).isEqualTo(404);
        assertThat(html.header("Content-Type")).startsWith("application/json");
    }

}

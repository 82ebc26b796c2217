package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.projects.ProjectJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading and checking write-API bodies in the web layer alone (no database, no server): the
 * request record of a project through the application's JSON configuration, converter, Bean
 * Validation and error handler, on a controller that only binds, checks and echoes.
 */
@WebMvcTest(controllers = RequestBindingTest.Echo.class, useDefaultFilters = false)
@AutoConfigureMockMvc(addFilters = false)
@Import({RequestBindingTest.Echo.class, WebConfig.class, RequestBinding.class, ApiErrorHandler.class})
class RequestBindingTest {

    /** The stored project a PATCH is merged into. */
    static final String STORED = """
            {"name": "Spielplatz", "organisation": 7, "access": "PUBLIC", "district": "mi", "topics": ["URB", "CHI"],
             "point": {"lon": 13.4, "lat": 52.5}, "street": "Allee",
             "modules": [{"name": "Ideen", "phases": [{"name": "Sammeln", "start_date": "2026-05-01T10:00:00+02:00"}]}]}""";

    @RestController
    static class Echo {
        private final RequestBinding binding;

        Echo(RequestBinding binding) {
            this.binding = binding;
        }

        @PostMapping("/echo")
        ProjectJson post(@RequestBody ProjectJson body) {
            binding.check(body);
            return body;
        }

        @PatchMapping("/echo")
        ProjectJson patch(@RequestBody JsonNode patch) {
            ProjectJson stored = binding.read(JsonMapper.shared().readTree(STORED), ProjectJson.class);
            ProjectJson body = binding.patch(stored, patch, ProjectJson.class);
            binding.check(body);
            return body;
        }
    }

    @Autowired MockMvc mvc;

    private JsonNode send(String method, String body, int status) throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(method), "/echo").contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn();
        String text = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
        return JsonMapper.shared().readTree(text);
    }

    @Test
    void everyWrongFieldIsNamedByItsPathInOneAnswer() throws Exception {
        JsonNode errors = send("POST", """
                {"name": 5, "organisation": "7", "access": 1, "is_draft": "true", "topics": "URB", "colour": "red",
                 "point": {"lon": "13"},
                 "modules": [{"name": "m", "weight": 1.5, "phases": [{"name": "p", "start_date": "2026-05-01T00:00:00", "size": 3}]},
                             {"name": "n", "phases": [{"name": "q", "end_date": "bald"}]}]}""", 400).get("errors");
        assertThat(errors.get("name").asString()).isEqualTo("must be a string");
        assertThat(errors.get("organisation").asString()).isEqualTo("must be an id (a positive integer)");
        assertThat(errors.get("access").asString()).isEqualTo("must be one of PUBLIC, SEMIPUBLIC, PRIVATE");
        assertThat(errors.get("is_draft").asString()).isEqualTo("must be true or false");
        assertThat(errors.get("topics").asString()).isEqualTo("must be a list");
        assertThat(errors.get("colour").asString()).isEqualTo("unknown field");
        assertThat(errors.get("point.lon").asString()).isEqualTo("must be a number");
        assertThat(errors.get("modules[0].weight").asString()).isEqualTo("must be an integer");
        assertThat(errors.get("modules[0].phases[0].start_date").asString()).contains("ISO-8601 date-time with offset");
        assertThat(errors.get("modules[0].phases[0].size").asString()).isEqualTo("unknown field");
        assertThat(errors.get("modules[1].phases[0].end_date").asString()).contains("ISO-8601");
    }

    @Test
    void beanValidationNamesNestedFieldsAsTheClientWroteThem() throws Exception {
        JsonNode body = send("POST", """
                {"name": " ", "organisation": 0, "slug": "Nicht Gut", "external_url": "javascript:alert(1)", "moderators": [3, null],
                 "point": {"lon": 200, "lat": -91}, "zip_code": "12345678901",
                 "modules": [{"name": "ok", "phases": [{"name": "p", "start_date": "2026-05-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}]},
                             {"phases": [{"name": "backwards", "start_date": "2026-05-01T00:00:00Z", "end_date": "2026-04-30T23:59:59Z"},
                                         {"name": "absurd", "start_date": "9999-01-01T00:00:00Z"}, null]}]}""", 400);
        JsonNode errors = body.get("errors");
        assertThat(body.get("detail").asString()).startsWith("Invalid input: ");
        assertThat(errors.get("name").asString()).isEqualTo("is required");
        assertThat(errors.get("access").asString()).isEqualTo("is required");
        assertThat(errors.has("organisation")).isTrue();
        assertThat(errors.get("slug").asString()).contains("lowercase");
        assertThat(errors.get("external_url").asString()).contains("http(s) URL");
        assertThat(errors.has("moderators[1]")).isTrue();
        assertThat(errors.get("point.lon").asString()).isEqualTo("must be between -180 and 180");
        assertThat(errors.get("point.lat").asString()).isEqualTo("must be between -90 and 90");
        assertThat(errors.get("zip_code").asString()).isEqualTo("must be at most 10 characters");
        assertThat(errors.get("modules[1].name").asString()).isEqualTo("is required");
        assertThat(errors.get("modules[1].phases[0].end_date").asString()).isEqualTo("must not be before start_date");
        assertThat(errors.get("modules[1].phases[1].start_date").asString()).contains("2200");
        assertThat(errors.has("modules[1].phases[2]")).isTrue();
        assertThat(errors.has("modules[0].phases[0].end_date")).isFalse();
    }

    @Test
    void aMergePatchChangesOnlyWhatItSends() throws Exception {
        JsonNode patched = send("PATCH", """
                {"description": "neu", "district": null, "point": {"lat": 52.6}, "topics": ["TRA"], "id": 99}""", 200);
        assertThat(patched.get("description").asString()).isEqualTo("neu");
        assertThat(patched.get("district").isNull()).as("null removes").isTrue();
        assertThat(patched.get("point").toString()).as("objects merge").isEqualTo("{\"lon\":13.4,\"lat\":52.6}");
        assertThat(patched.get("topics").toString()).as("arrays replace").isEqualTo("[\"TRA\"]");
        assertThat(patched.get("name").asString()).isEqualTo("Spielplatz");
        assertThat(patched.get("street").asString()).isEqualTo("Allee");
        assertThat(patched.get("modules").get(0).get("phases").get(0).get("start_date").asString()).startsWith("2026-05-01T");

        JsonNode invalid = send("PATCH", """
                {"name": null, "modules": [{"name": "m", "phases": [{"name": "p", "start_dte": "2026-05-01T00:00:00Z"}]}]}""", 400);
        assertThat(invalid.get("errors").get("modules[0].phases[0].start_dte").asString()).isEqualTo("unknown field");
        JsonNode unnamed = send("PATCH", "{\"name\": null}", 400);
        assertThat(unnamed.get("errors").get("name").asString()).isEqualTo("is required");
    }

    /** A 400 whose answer has a detail and shows no internals. */
    private JsonNode bad(String body) throws Exception {
        JsonNode json = send("POST", body, 400);
        assertThat(json.get("detail").isString()).isTrue();
        assertThat(json.toString()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("insert ").doesNotContain("at berlin.");
        return json;
    }

    @Test
    void malformedJsonWrongTypesUnknownEnumsMissingAndUnknownFieldsAre400() throws Exception {
        bad("{\"name\": \"x\", ");
        bad("[1, 2]");
        JsonNode types = bad("""
                {"name": 5, "organisation": "eins", "access": "PUBLIC", "is_draft": "yes", "topics": "URB"}""");
        assertThat(types.get("errors").get("name").asString()).isEqualTo("must be a string");
        assertThat(types.get("errors").get("organisation").asString()).contains("id");
        assertThat(types.get("errors").get("is_draft").asString()).isEqualTo("must be true or false");
        assertThat(types.get("errors").get("topics").asString()).contains("list");

        JsonNode enums = bad("""
                {"name": "x", "organisation": 7, "access": "SECRET", "kind": "BLOG", "district": "xx", "topics": ["URB", "NOPE"]}""");
        assertThat(enums.get("errors").get("access").asString()).isEqualTo("must be one of PUBLIC, SEMIPUBLIC, PRIVATE");
        assertThat(enums.get("errors").get("kind").asString()).contains("PROJECT");

        JsonNode missing = bad("{}");
        assertThat(missing.get("errors").propertyNames()).contains("name", "organisation", "access");
        JsonNode unknownField = bad("{\"name\": \"x\", \"organisation\": 7, \"access\": \"PUBLIC\", \"is_drafts\": true}");
        assertThat(unknownField.get("errors").get("is_drafts").asString()).isEqualTo("unknown field");
    }

    @Test
    void pointsDatesAndUrlsAreChecked() throws Exception {
        JsonNode point = bad("""
                {"name": "x", "organisation": 7, "access": "PUBLIC", "point": {"lon": 200, "lat": -91}}""");
        assertThat(point.get("errors").get("point.lon").asString()).contains("-180");
        assertThat(point.get("errors").get("point.lat").asString()).contains("-90");

        JsonNode dates = bad("""
                {"name": "x", "organisation": 7, "access": "PUBLIC", "modules": [
                  {"name": "ok", "phases": [{"name": "p", "start_date": "2026-05-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}]},
                  {"name": "bad", "phases": [
                    {"name": "backwards", "start_date": "2026-05-01T00:00:00Z", "end_date": "2026-04-01T00:00:00Z"},
                    {"name": "absurd", "start_date": "9999-01-01T00:00:00Z"},
                    {"name": "no offset", "start_date": "2026-05-01T00:00:00"},
                    {"name": "not a date", "end_date": "soon"}]}]}""");
        JsonNode absurd = bad("""
                {"name": "x", "organisation": 7, "access": "PUBLIC", "modules": [
                  {"name": "bad", "phases": [{"name": "absurd", "start_date": "9999-01-01T00:00:00Z"}]}]}""");
        assertThat(absurd.get("errors").get("modules[0].phases[0].start_date").asString()).contains("2200");
        assertThat(dates.get("errors").get("modules[1].phases[2].start_date").asString()).contains("ISO-8601");
        assertThat(dates.get("errors").get("modules[1].phases[3].end_date").asString()).contains("ISO-8601");
        JsonNode scripts = bad("""
                {"name": "x", "organisation": 7, "access": "PUBLIC", "kind": "EXTERNAL", "external_url": "javascript:alert(1)"}""");
        assertThat(scripts.get("errors").has("external_url")).isTrue();
    }

    @Test
    void malformedAndHostileBodiesAre400sWithADetail() throws Exception {
        for (String body : new String[] {"{\"name\": ", "[1, 2]", "\"text\"", "{\"modules\": [[[]]]}", "{\"point\": 5}"}) {
            JsonNode answer = send("POST", body, 400);
            assertThat(answer.get("detail").isString()).as(body).isTrue();
        }
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 5000; i++) {
            many.append("\"f").append(i).append("\": ").append(i).append(", ");
        }
        JsonNode errors = send("POST", many.append("\"name\": \"x\"}").toString(), 400).get("errors");
        assertThat(errors.size()).as("errors are capped, the body is not re-read 5000 times").isBetween(1, 20);
    }
}

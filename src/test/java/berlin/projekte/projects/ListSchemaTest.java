package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.WriteApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every list as the published OpenAPI document describes it: a real response of each list, with
 * items of every kind (active, future, past, external, private, with and without point, plan and
 * images), has exactly the documented fields, every required one, and the documented JSON type
 * for each typed field.
 */
class ListSchemaTest extends WriteApiTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    @Autowired MutableClock clock;
    @Autowired ListCache cache;


    @Test
    void aRealResponseOfEveryListMatchesItsPublishedSchema() {
        clock.set(NOW);
        Duration day = Duration.ofDays(1);
        long plan = fixtures.plan("Vorhaben", organisation).insert();
        fixtures.project("Aktiv", organisation).district("mi").topics("URB", "TRA").point(13.4, 52.5, "Straße", "1", "10115")
                .tile("https://i.example.org/t.jpg", "Alt", "© A").plan(plan)
                .module(Fixtures.phase(NOW.minus(day), NOW.plus(day))).insert();
        fixtures.project("Zukunft", organisation).access("SEMIPUBLIC").module(Fixtures.phase(NOW.plus(day), NOW.plus(day.multipliedBy(9))))
                .insert();
        fixtures.project("Vorbei", organisation).module(Fixtures.phase(NOW.minus(day.multipliedBy(9)), NOW.minus(day))).insert();
        fixtures.project("Ohne Phase", organisation).insert();
        fixtures.project("Extern", organisation).kind("EXTERNAL", "https://example.org/x").insert();
        fixtures.project("Privat", organisation).access("PRIVATE").module(Fixtures.phase(NOW.minus(day), NOW.plus(day))).insert();
        cache.clear();

        JsonNode docs = ok(http.get("/v3/api-docs"), 200);
        for (String path : List.of("/api/projects/", "/api/projects/?status=activeParticipation", "/api/projects/?status=futureParticipation",
                "/api/projects/?status=pastParticipation", "/api/privateprojects/", "/api/extprojects/", "/api/plans/")) {
            JsonNode schema = itemSchema(docs, path.replaceAll("\\?.*", ""));
            JsonNode list = ok(http.get(path, "Authorization", asAdmin), 200);
            assertThat(list).as(path).isNotEmpty();
            for (JsonNode item : list) {
                check(path, schema, item);
            }
        }
        JsonNode plans = itemSchema(docs, "/api/plans/").get("properties");
        for (String field : List.of("tile_image_alt_text", "tile_image_copyright")) {
            assertThat(types(plans.get(field))).as("a plan's %s is \"\" without an image, never null (docs/api.md)", field)
                    .isEqualTo(Set.of("string"));
        }
        assertThat(types(plans.get("point"))).isEqualTo(Set.of("object", "null"));
    }

    /** {@code /api/csrf} takes no parameter (the token comes from the session) and answers its three fields. */
    @Test
    void theCsrfTokenIsDocumentedAsItIsAnswered() {
        JsonNode docs = ok(http.get("/v3/api-docs"), 200);
        JsonNode operation = docs.path("paths").path("/api/csrf").path("get");
        assertThat(operation.path("parameters").isEmpty()).as("no parameter: " + operation.path("parameters")).isTrue();
        JsonNode schema = operation.path("responses").path("200").path("content").path("*/*").path("schema");
        if (schema.has("$ref")) {
            schema = docs.path("components").path("schemas").path(schema.path("$ref").asString().substring("#/components/schemas/".length()));
        }
        JsonNode answer = ok(http.get("/api/csrf"), 200);
        assertThat(new HashSet<>(schema.path("properties").propertyNames())).isEqualTo(new HashSet<>(answer.propertyNames()))
                .isEqualTo(Set.of("token", "header_name", "parameter_name"));
    }

    /** The schema of the items of the array a GET of {@code path} answers with, following its $ref. */
    private static JsonNode itemSchema(JsonNode docs, String path) {
        JsonNode response = docs.path("paths").path(path).path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema");
        assertThat(response.path("type").asString()).as(path + " is documented as an array").isEqualTo("array");
        String ref = response.path("items").path("$ref").asString();
        assertThat(ref).as(path + " items").startsWith("#/components/schemas/");
        JsonNode schema = docs.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        assertThat(schema.path("properties").isObject()).as(ref).isTrue();
        return schema;
    }

    private static void check(String path, JsonNode schema, JsonNode item) {
        JsonNode properties = schema.get("properties");
        Set<String> documented = new HashSet<>(properties.propertyNames());
        Set<String> sent = new HashSet<>(item.propertyNames());
        assertThat(documented).as(path + ": every field sent is documented").containsAll(sent);
        for (JsonNode required : schema.path("required")) {
            assertThat(sent).as(path + ": required field sent").contains(required.asString());
        }
        for (String field : sent) {
            JsonNode property = properties.get(field);
            Set<String> types = types(property);
            if (!types.isEmpty()) {
                assertThat(types).as(path + " " + field + " = " + item.get(field)).contains(type(item.get(field)));
            }
        }
    }

    /** The JSON types a property allows: OpenAPI 3.0 ({@code type} + {@code nullable}) or 3.1 (a type list); empty when untyped. */
    private static Set<String> types(JsonNode property) {
        Set<String> types = new HashSet<>();
        JsonNode type = property.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (type.isString()) {
            types.add(type.asString());
        }
        if (!types.isEmpty() && property.path("nullable").asBoolean(false)) {
            types.add("null");
        }
        if (types.contains("number")) {
            types.add("integer");
        }
        return types;
    }

    private static String type(JsonNode value) {
        return value.isNull() ? "null" : value.isString() ? "string" : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number"
                : value.isBoolean() ? "boolean" : value.isArray() ? "array" : "object";
    }
}

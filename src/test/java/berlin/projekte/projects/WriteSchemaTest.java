package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.WriteApiTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The write API as the published OpenAPI document describes it: each resource's POST, PUT and
 * PATCH take its request record (a project with modules with phases with dates), and answer with
 * the stored object (its id and its fields).
 */
class WriteSchemaTest extends WriteApiTest {

    private static final String SCHEMAS = "#/components/schemas/";

    @Test
    void theWriteEndpointsTakeAndAnswerTheirRecords() {
        JsonNode docs = ok(http.get("/v3/api-docs"), 200);
        Map<String, String> fieldOf = Map.of("projects", "modules", "extprojects", "external_url", "plans", "participation",
                "organisations", "initiators", "groups", "members", "users", "is_superuser");
        fieldOf.forEach((resource, field) -> {
            JsonNode collection = docs.path("paths").path("/api/admin/" + resource);
            JsonNode one = docs.path("paths").path("/api/admin/" + resource + "/{id}");
            for (JsonNode operation : new JsonNode[] {collection.path("post"), one.path("put"), one.path("patch")}) {
                JsonNode request = schema(docs, operation.path("requestBody").path("content"));
                assertThat(request.path("properties").has(field)).as(resource + " request: " + request).isTrue();
                assertThat(request.path("properties").has("id")).as(resource + " request has no id").isFalse();
            }
            JsonNode created = schema(docs, collection.path("post").path("responses").path("201").path("content"));
            assertThat(created.path("properties").has("id")).as(resource + " answer: " + created).isTrue();
            assertThat(created.path("properties").has(field)).as(resource + " answer: " + created).isTrue();
        });

        JsonNode project = schema(docs, docs.path("paths").path("/api/admin/projects").path("post").path("requestBody").path("content"));
        JsonNode module = resolve(docs, project.path("properties").path("modules").path("items"));
        JsonNode phase = resolve(docs, module.path("properties").path("phases").path("items"));
        assertThat(phase.path("properties").path("end_date").path("format").asString()).isEqualTo("date-time");
        assertThat(phase.path("properties").path("start_date").path("format").asString()).isEqualTo("date-time");
        assertThat(project.path("properties").path("access").path("enum").toString()).contains("PUBLIC", "SEMIPUBLIC", "PRIVATE");
        assertThat(project.path("required").toString()).contains("name", "organisation", "access");
    }

    @Test
    void everyApiOperationDocumentsItsErrorsInTheOneErrorShape() {
        JsonNode docs = ok(http.get("/v3/api-docs"), 200);
        JsonNode error = docs.path("components").path("schemas").path("Error");
        assertThat(error.path("properties").has("detail")).as("Error schema: " + error).isTrue();
        assertThat(error.path("properties").path("errors").path("additionalProperties").path("type").asString()).isEqualTo("string");
        docs.path("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().properties().forEach(operation -> {
                JsonNode responses = operation.getValue().path("responses");
                List<String> statuses = path.getKey().startsWith("/api/admin/") ? List.of("400", "401", "403", "503") : List.of("400", "503");
                for (String status : statuses) {
                    assertThat(schema(docs, responses.path(status).path("content")))
                            .as(operation.getKey() + " " + path.getKey() + " " + status).isEqualTo(error);
                }
            });
        });
        JsonNode patchProject = docs.path("paths").path("/api/admin/projects/{id}").path("patch").path("responses");
        assertThat(patchProject.has("404") && patchProject.has("409")).as(patchProject.toString()).isTrue();
    }

    @Test
    void everyOperationHasAnIdNamedAfterItsMethodAndPath() {
        JsonNode docs = ok(http.get("/v3/api-docs"), 200);
        Set<String> ids = new HashSet<>();
        docs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String id = operation.getValue().path("operationId").asString();
            assertThat(ids.add(id)).as("unique: " + id).isTrue();
            assertThat(id).as(operation.getKey() + " " + path.getKey()).matches("(get|post|put|patch|delete)[A-Za-z]+");
        }));
        assertThat(docs.path("paths").path("/api/admin/plans/").path("post").path("operationId").asString()).isEqualTo("postAdminPlans");
        assertThat(docs.path("paths").path("/api/admin/users/{id}").path("patch").path("operationId").asString())
                .isEqualTo("patchAdminUsersById");
        assertThat(docs.path("paths").path("/api/projects").path("get").path("operationId").asString())
                .isEqualTo("getProjectsWithoutSlash");
        assertThat(docs.path("paths").has("/error")).as("the container's error path is not API").isFalse();
    }

    /** The schema of the content of a request or response (the same for each of its media types), following its $ref. */
    private static JsonNode schema(JsonNode docs, JsonNode content) {
        assertThat(content.isObject() && !content.isEmpty()).as("content documented").isTrue();
        return resolve(docs, content.values().iterator().next().path("schema"));
    }

    private static JsonNode resolve(JsonNode docs, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (!ref.startsWith(SCHEMAS)) {
            return schema;
        }
        return docs.path("components").path("schemas").path(ref.substring(SCHEMAS.length()));
    }
}

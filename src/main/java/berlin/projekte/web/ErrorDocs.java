package berlin.projekte.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Publishes the one error shape ({@link ErrorResponses}) in the OpenAPI document and names, on each
 * API operation, the errors it can answer with it: every one a 400 for bad input and a 503 when
 * the database is down; the write API also 401, 403, 404 and 409.
 */
@Component
class ErrorDocs implements OpenApiCustomizer {

    static final String SCHEMA = "Error";

    @Override
    public void customise(OpenAPI openApi) {
        Schema<?> error = new ObjectSchema()
                .addProperty("detail", new StringSchema().description("What went wrong, for a person to read"))
                .addProperty("errors", new MapSchema().additionalProperties(new StringSchema())
                        .description("Only for invalid fields: each field's path as sent (e.g. modules[1].phases[0].end_date) and its problem"))
                .required(List.of("detail"));
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, error);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperationsMap().forEach((method, operation) -> document(operation, errorsOf(path, method)));
            }
        });
    }

    private static Map<String, String> errorsOf(String path, PathItem.HttpMethod method) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Bad input: a malformed or too large body, a bad parameter, or invalid fields (errors)");
        if (path.startsWith("/api/admin/")) {
            errors.put("401", "No or wrong credentials");
            errors.put("403", "Signed in, but not allowed to do this");
            if (path.endsWith("{id}")) {
                errors.put("404", "No such object");
            }
            if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH
                    || method == PathItem.HttpMethod.DELETE) {
                errors.put("409", "A conflict, e.g. a slug or username already taken");
            }
        }
        errors.put("503", "The database is unavailable; try again after Retry-After seconds");
        return errors;
    }

    private static void document(Operation operation, Map<String, String> errors) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        Content content = new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
        errors.forEach((status, description) ->
                operation.getResponses().addApiResponse(status, new ApiResponse().description(description).content(content)));
    }
}

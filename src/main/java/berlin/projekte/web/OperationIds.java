package berlin.projekte.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Operation ids a client generator can use: the method and the path, {@code POST /api/admin/plans/}
 * → {@code postAdminPlans}, {@code GET /api/admin/plans/{id}} → {@code getAdminPlansById}. The
 * write API's controllers share one set of Java methods ({@code admin.AdminResource}), so
 * springdoc's ids from method names would be {@code create_5}, {@code create_6}…. Each list is
 * served with and without its trailing slash; the form without it gets {@code WithoutSlash}.
 */
@Component
class OperationIds implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) ->
                    item.readOperationsMap().forEach((method, operation) -> operation.setOperationId(of(method, path))));
        }
    }

    static String of(PathItem.HttpMethod method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals("api")) {
                continue;
            }
            id.append(segment.startsWith("{") ? "ById" : Character.toUpperCase(segment.charAt(0)) + segment.substring(1));
        }
        if (!path.endsWith("/") && !path.endsWith("}")) {
            id.append("WithoutSlash");
        }
        return id.toString();
    }
}

package berlin.projekte.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/** Documents a {@link MergePatchOf} body as its record (springdoc would describe the JSON tree class itself). */
@Component
class MergePatchDocs implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            MergePatchOf patch = parameter.getParameterAnnotation(MergePatchOf.class);
            if (patch != null) {
                MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + patch.value().getSimpleName()));
                operation.setRequestBody(new RequestBody().required(true).description("RFC 7396 JSON Merge Patch: only the fields sent change")
                        .content(new Content().addMediaType("application/merge-patch+json", media).addMediaType("application/json", media)));
            }
        }
        return operation;
    }
}

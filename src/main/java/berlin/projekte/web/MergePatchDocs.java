package berlin.projekte.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.lang.reflect.Method;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.method.HandlerMethod;

/** Documents a {@link MergePatch} body as the record of the same controller's PUT (springdoc would describe the JSON tree class). */
@Component
class MergePatchDocs implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(MergePatch.class)) {
                Class<?> record = putBody(handler.getBeanType());
                MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + record.getSimpleName()));
                operation.setRequestBody(new RequestBody().required(true).description("RFC 7396 JSON Merge Patch: only the fields sent change")
                        .content(new Content().addMediaType(MergePatch.MEDIA_TYPE, media).addMediaType("application/json", media)));
            }
        }
        return operation;
    }

    private static Class<?> putBody(Class<?> controller) {
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(controller)) {
            if (AnnotatedElementUtils.hasAnnotation(method, PutMapping.class)) {
                for (int i = 0; i < method.getParameterCount(); i++) {
                    MethodParameter parameter = new MethodParameter(method, i).withContainingClass(controller);
                    if (parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
                        return parameter.getParameterType();
                    }
                }
            }
        }
        throw new IllegalStateException(controller + " has a merge-patch PATCH but no PUT with a request body");
    }
}

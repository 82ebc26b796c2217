package berlin.projekte.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A write-API request record: a {@code @RequestBody} of this type is bound by {@link RequestBinding}
 * (strict types, unknown fields refused, every error named by its JSON path) instead of the
 * default JSON converter, which stops at the first error.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonBody {
}

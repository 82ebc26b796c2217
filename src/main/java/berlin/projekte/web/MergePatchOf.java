package berlin.projekte.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A PATCH body: an RFC 7396 JSON Merge Patch of this request record (read as a tree, merged by
 * {@link JsonBodies#patch}). The OpenAPI document shows the record ({@link MergePatchDocs}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MergePatchOf {
    Class<?> value();
}

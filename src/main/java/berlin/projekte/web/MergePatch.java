package berlin.projekte.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A PATCH body: an RFC 7396 JSON Merge Patch of the record its resource's PUT takes (read as a
 * tree, merged by {@link RequestBinding#patch}). The OpenAPI document shows that record ({@link MergePatchDocs}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MergePatch {

    String MEDIA_TYPE = "application/merge-patch+json";
}

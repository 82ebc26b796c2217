package berlin.projekte.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Empty, an http(s) URL or a site path, without spaces or control characters: never
 * {@code javascript:} or another scheme a page would run (image and external URLs).
 */
@Pattern(regexp = "(?:(?:https?://|/(?!/))[^\\x00-\\x20]*)?")
@Size(max = 500)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface WebUrl {

    String message() default "must be an http(s) URL or a path starting with /, without spaces, at most 500 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

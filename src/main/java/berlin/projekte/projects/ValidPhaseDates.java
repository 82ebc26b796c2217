package berlin.projekte.projects;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A phase's dates: each within the years 1900 to 2200 (anything else is a typo), and the end not before the start. */
@Constraint(validatedBy = ValidPhaseDates.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ValidPhaseDates {

    String message() default "must not be before start_date";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int MIN_YEAR = 1900;
    int MAX_YEAR = 2200;

    final class Check implements ConstraintValidator<ValidPhaseDates, ProjectJson.PhaseJson> {

        @Override
        public boolean isValid(ProjectJson.PhaseJson phase, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            boolean valid = plausible(phase.start_date(), "start_date", context) & plausible(phase.end_date(), "end_date", context);
            if (valid && phase.start_date() != null && phase.end_date() != null && phase.end_date().isBefore(phase.start_date())) {
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate()).addPropertyNode("end_date")
                        .addConstraintViolation();
                return false;
            }
            return valid;
        }

        private static boolean plausible(OffsetDateTime date, String field, ConstraintValidatorContext context) {
            if (date == null) {
                return true;
            }
            int year = date.withOffsetSameInstant(ZoneOffset.UTC).getYear();
            if (year >= MIN_YEAR && year <= MAX_YEAR) {
                return true;
            }
            context.buildConstraintViolationWithTemplate("must be between the years " + MIN_YEAR + " and " + MAX_YEAR)
                    .addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}

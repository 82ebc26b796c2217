package berlin.projekte.validation;

/** The messages of the field rules every request record shares, so that each rule reads the same in every error. */
public final class FieldMessages {

    /** The message of a missing required field. */
    public static final String REQUIRED = "is required";
    /** The message of a text over its length ({@code @Size(max = ..., message = AT_MOST)}). */
    public static final String AT_MOST = "must be at most {max} characters";

    private FieldMessages() {
    }
}

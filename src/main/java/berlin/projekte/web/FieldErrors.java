package berlin.projekte.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Validation errors by field (JSON name, with paths like {@code modules[1].phases[0].end_date}). */
public final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Records an error; the first error of a field wins. */
    public void add(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, String> asMap() {
        return errors;
    }

    /** A 400 naming every field, if there is any error. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid input: " + String.join(", ", errors.keySet()) + ".", errors);
        }
    }

    /** Checks a required, length-limited text; returns it or null. */
    public void text(String field, String value, boolean required, int maxLength) {
        if (value == null || (required && value.isBlank())) {
            if (required) {
                add(field, "is required");
            }
            return;
        }
        if (value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters");
        }
    }
}

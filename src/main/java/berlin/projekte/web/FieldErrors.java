package berlin.projekte.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Validation errors by field (JSON name, with paths like {@code modules[1].phases[0].end_date}). */
public final class FieldErrors {

    private final Map<String, String> errors = new LinkedHashMap<>();

    public FieldErrors() {
    }

    /** Starting with these errors (e.g. {@link RequestBinding#violations}). */
    public FieldErrors(Map<String, String> errors) {
        this.errors.putAll(errors);
    }

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
            throw RequestBinding.invalid(errors);
        }
    }

    /** Like {@link #throwIfAny()}; in a batch of several, the message names the item and its index ("Invalid plan #3: title."). */
    public void throwIfAny(String item, int index, int batchSize) {
        if (!errors.isEmpty() && batchSize > 1) {
            String fields = String.join(", ", errors.keySet());
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid " + item + " #" + index + ": " + fields + ".", errors);
        }
        throwIfAny();
    }
}

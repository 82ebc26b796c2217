package berlin.projekte.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses with a 4xx: the status, a message safe to show anyone, and optional
 * field errors. Rendered as {@code {"detail": ..., "errors": {...}}} by {@link ApiErrorHandler}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, String> fieldErrors;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, Map.of());
    }

    public ApiException(HttpStatus status, String detail, Map<String, String> fieldErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found.");
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}

package berlin.projekte.web;

import jakarta.servlet.ServletException;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of every controller as JSON {@code {"detail": ..., "errors": {...}}} with the right
 * status: no stack trace, no SQL, nothing about the data in a message. Unexpected exceptions are
 * a 500 with a fixed text; their stack trace goes to the log only.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    public static final String REJECTED = "Request rejected: the URL or a header has characters that are not allowed.";
    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return respond(e.status(), e.getMessage(), e.fieldErrors());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        if (BodySizeLimitFilter.isTooLarge(e)) {
            return respond(HttpStatus.BAD_REQUEST, BodySizeLimitFilter.TOO_LARGE, Map.of());
        }
        String message = e.getMessage();
        if (message != null && message.startsWith("Required request body is missing")) {
            return respond(HttpStatus.BAD_REQUEST, "A JSON request body is required.", Map.of());
        }
        return respond(HttpStatus.BAD_REQUEST, "Malformed JSON request body.", Map.of());
    }

    /**
     * Spring Security's firewall checks header values when they are read, so a header with control
     * or non-ASCII characters can be refused inside a controller. A client error: one DEBUG line.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(RequestRejectedException e) {
        log.debug("Request rejected: {}", e.getMessage());
        return respond(HttpStatus.BAD_REQUEST, REJECTED, Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        String name = e.getName();
        Class<?> type = e.getRequiredType();
        String expected = type != null && Number.class.isAssignableFrom(wrap(type)) ? "must be a number" : "has an invalid value";
        return respond(HttpStatus.BAD_REQUEST, "Invalid value for '" + name + "'.", Map.of(name, expected));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, "Missing parameter '" + e.getParameterName() + "'.",
                Map.of(e.getParameterName(), "is required"));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> methodValidation(HandlerMethodValidationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.putIfAbsent(name == null ? "parameter" : name,
                    error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()));
        });
        return respond(HttpStatus.BAD_REQUEST, "Invalid request parameters.", errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, Object>> constraintViolation(ConstraintViolationException e) {
        Map<String, String> errors = e.getConstraintViolations().stream().collect(Collectors.toMap(
                v -> lastNode(v.getPropertyPath().toString()), v -> v.getMessage(), (a, b) -> a, LinkedHashMap::new));
        return respond(HttpStatus.BAD_REQUEST, "Invalid request parameters.", errors);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body("Method " + e.getMethod() + " is not allowed here.", Map.of()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type; send application/json.", Map.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        // The body cannot be in a type the client accepts; JSON is still the most useful answer.
        return respond(HttpStatus.NOT_ACCEPTABLE, "Only application/json is available.", Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "Not found.", Map.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Map<String, Object>> integrity(DataIntegrityViolationException e) {
        log.info("Write refused by a database constraint: {}", e.getMostSpecificCause().getClass().getSimpleName());
        return respond(HttpStatus.CONFLICT, "The change conflicts with existing data.", Map.of());
    }

    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<Map<String, Object>> lock(PessimisticLockingFailureException e) {
        return respond(HttpStatus.CONFLICT, "A concurrent change conflicted; try again.", Map.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> upload(MaxUploadSizeExceededException e) {
        return respond(HttpStatus.BAD_REQUEST, BodySizeLimitFilter.TOO_LARGE, Map.of());
    }

    /** Security exceptions thrown inside a controller keep their meaning. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, "You are not allowed to do this.", Map.of());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Map<String, Object>> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"projekte\"")
                .contentType(MediaType.APPLICATION_JSON).body(ErrorResponses.body("Authentication required.", Map.of()));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        // The client went away: nothing to answer.
    }

    /** Any other exception Spring MVC gives a 4xx status (ErrorResponse), with a neutral text. */
    @ExceptionHandler({ServletException.class, ErrorResponseException.class, BindException.class})
    ResponseEntity<Map<String, Object>> errorResponse(Exception e) {
        if (e instanceof BindException && !(e instanceof ErrorResponse)) {
            return respond(HttpStatus.BAD_REQUEST, "Invalid request parameters.", Map.of());
        }
        if (!(e instanceof ErrorResponse response)) {
            return internal(e);
        }
        HttpStatusCode status = response.getStatusCode();
        if (status.is5xxServerError()) {
            return internal(e);
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(known == null ? "Bad request." : known.getReasonPhrase() + ".", Map.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> internal(Exception e) {
        log.error("Unexpected error", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error.", Map.of());
    }

    private static ResponseEntity<Map<String, Object>> respond(HttpStatus status, String detail, Map<String, String> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ErrorResponses.body(detail, errors));
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static Class<?> wrap(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == int.class ? Integer.class : type == long.class ? Long.class : type == double.class ? Double.class
                : type == float.class ? Float.class : type == short.class ? Short.class : type == byte.class ? Byte.class : type;
    }
}

package berlin.projekte.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error path ({@code /error}) answers JSON too, never an HTML page: for
 * errors raised outside Spring MVC (filters, the container). The status is kept, the text is the
 * status's reason phrase: nothing from the exception reaches the client.
 */
@Hidden // the container's error path, not part of the API
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping(value = "${server.error.path:${error.path:/error}}", produces = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Not an error dispatch: someone asked for /error itself.
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorResponses.body("Not found.", Map.of()));
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status.is5xxServerError() ? "Internal error."
                : status == HttpStatus.NOT_FOUND ? "Not found." : status.getReasonPhrase() + ".";
        if (BodySizeLimitFilter.isTooLarge((Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            status = HttpStatus.BAD_REQUEST;
            detail = BodySizeLimitFilter.TOO_LARGE;
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ErrorResponses.body(detail, Map.of()));
    }
}

package berlin.projekte.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one shape of every error body: {@code {"detail": "...", "errors": {"field": "message"}}}
 * ({@code errors} only when there are field errors). Used by the controller advice, the error
 * controller, the security handlers and the body-size filter, which write before any controller.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Map<String, Object> body(String detail, Map<String, String> fieldErrors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        if (fieldErrors != null && !fieldErrors.isEmpty()) {
            body.put("errors", new TreeMap<>(fieldErrors));
        }
        return body;
    }

    /** Writes a JSON error straight to a servlet response (outside Spring MVC). */
    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = Json.render(g -> {
            g.writeStartObject();
            g.writeStringProperty("detail", detail);
            g.writeEndObject();
        });
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.getOutputStream().flush();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

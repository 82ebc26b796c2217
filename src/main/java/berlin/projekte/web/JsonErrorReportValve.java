package berlin.projekte.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error page, as JSON: for what Tomcat refuses before the application sees it (headers
 * over the limit, invalid characters in the URL, CONNECT (405), an {@code HTTP/2.0} request line) and
 * anything else no servlet answered. Only the status's reason phrase, like
 * {@link JsonErrorController}, which answers every error that reaches the application. Public: Tomcat
 * may create it by its class name.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 501) {
            // Tomcat's answer to CONNECT: for this API simply a method it does not allow.
            status = 405;
            response.setStatus(status);
            response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        }
        HttpStatus known = HttpStatus.resolve(status);
        String detail = status >= 500 && status != 505 ? "Internal error."
                : known == null ? "Bad request." : known.getReasonPhrase() + ".";
        byte[] body = Json.render(g -> {
            g.writeStartObject();
            g.writeStringProperty("detail", detail);
            g.writeEndObject();
        });
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(ErrorResponses.utf8(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body: nothing more to say.
        }
    }
}

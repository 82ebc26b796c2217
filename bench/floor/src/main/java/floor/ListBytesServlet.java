package floor;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * GET /{name}.json answers the file's bytes from memory with a fixed ETag, or 304 when
 * If-None-Match carries it: the least any servlet container does for a cached list.
 */
final class ListBytesServlet extends HttpServlet {

    private final Map<String, byte[]> bodies = new HashMap<>();

    ListBytesServlet(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                bodies.put("/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
    }

    static String etag(String path) {
        return "\"floor-" + Integer.toHexString(path.hashCode()) + "\"";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        byte[] body = bodies.get(path);
        if (body == null) {
            response.sendError(404);
            return;
        }
        String etag = etag(path);
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

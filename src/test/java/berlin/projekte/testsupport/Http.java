package berlin.projekte.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: every header is under the test's control (gzip, ETags, auth). */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** GET with header name/value pairs. */
    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response send(String method, String path, String body, String... headers) {
        return exchange(method, path, body, "application/json", headers);
    }

    /** POST of an HTML form ({@code application/x-www-form-urlencoded}), e.g. the session login. */
    public Response postForm(String path, String form, String... headers) {
        return exchange("POST", path, form, "application/x-www-form-urlencoded", headers);
    }

    /** An anonymous session and its CSRF token, as the overview page gets them ({@code GET /api/csrf}): {cookie, token}. */
    public String[] csrf() {
        Response csrf = get("/api/csrf");
        if (csrf.status() != 200) {
            throw new IllegalStateException("GET /api/csrf: " + csrf.status());
        }
        return new String[] {csrf.header("Set-Cookie").split(";")[0], csrf.json().get("token").asString()};
    }

    /** Signs in through the session login ({@code POST /login}, as the overview page's form); returns the session cookie ({@code name=value}). */
    public String login(String username, String password) {
        String[] csrf = csrf();
        String cookie = csrf[0];
        Response signedIn = postForm("/login", "username=" + encode(username) + "&password=" + encode(password)
                + "&_csrf=" + encode(csrf[1]), "Cookie", cookie);
        String location = signedIn.header("Location");
        if (signedIn.status() != 302 || location == null || location.contains("error")) {
            throw new IllegalStateException("login of " + username + " failed: " + signedIn.status() + " " + location);
        }
        // the session id changes at sign-in (session fixation protection)
        return signedIn.header("Set-Cookie") == null ? cookie : signedIn.header("Set-Cookie").split(";")[0];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Response exchange(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}

package berlin.projekte.page;

import berlin.projekte.cache.ListCache;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The overview page at {@code /projekte/}: static HTML, JS and CSS under {@code static/projekte/}
 * plus what they cannot know: the map's tile URL and the topic names, and the signed-in user (the
 * CSRF token for the session login and logout comes from {@code GET /api/csrf}).
 */
@Controller
class PageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final String tileUrl;

    PageController(JdbcClient jdbc, @Value("${projekte.page.tile-url}") String tileUrl) {
        this.jdbc = jdbc;
        this.tileUrl = tileUrl;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/projekte/";
    }

    @GetMapping("/projekte/")
    String page() {
        return "forward:/projekte/index.html";
    }

    /** Tile URL and topic names; revalidated with its ETag like the lists. */
    @GetMapping("/projekte/config.json")
    ResponseEntity<byte[]> config(WebRequest request) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        jdbc.sql("select code, label_de, label_en from topic order by code")
                .query((rs, row) -> topics.put(rs.getString(1), Map.of("de", rs.getString(2), "en", rs.getString(3))))
                .list();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tile_url", tileUrl);
        config.put("topics", topics);
        byte[] body = JSON.writeValueAsBytes(config);
        String etag = ListCache.etag(body);
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache())
                .header("Content-Type", "application/json").body(body);
    }

    /** Who is signed in ({@code username} null for nobody); never cached. */
    @GetMapping("/projekte/session")
    @ResponseBody
    ResponseEntity<Map<String, Object>> session(Authentication authentication) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("username", authentication == null || !authentication.isAuthenticated() ? null : authentication.getName());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(session);
    }

}

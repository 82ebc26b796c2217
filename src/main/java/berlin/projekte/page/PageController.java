package berlin.projekte.page;

import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.web.Language;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.LinkedHashMap;
import java.util.List;
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
 * plus what they cannot know: the map's tile URL and the topic names, the number of items in each
 * tab's list, and the signed-in user (the CSRF token for the session login and logout comes from
 * {@code GET /api/csrf}).
 */
@Controller
class PageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The page's tabs and their public lists, in the page's order. */
    private static final List<Map.Entry<String, ListKey>> TABS = List.of(Map.entry("running", ListKey.PROJECTS_ACTIVE),
            Map.entry("upcoming", ListKey.PROJECTS_FUTURE), Map.entry("past", ListKey.PROJECTS_PAST), Map.entry("plans", ListKey.PLANS),
            Map.entry("external", ListKey.EXT_PROJECTS));

    private final JdbcClient jdbc;
    private final ListCache lists;
    private final String tileUrl;
    /** Items per list body, by its ETag: a body is counted once, however often the counts are asked for. */
    private final Cache<String, Integer> itemCounts = Caffeine.newBuilder().maximumSize(64).build();

    PageController(JdbcClient jdbc, ListCache lists, @Value("${projekte.page.tile-url}") String tileUrl) {
        this.jdbc = jdbc;
        this.lists = lists;
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

    /** Tile URL (empty: a map without tiles), topic and district names; revalidated with its ETag like the lists. */
    @GetMapping("/projekte/config.json")
    ResponseEntity<byte[]> config(WebRequest request) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        jdbc.sql("select code, label_de, label_en from topic order by code")
                .query((rs, row) -> topics.put(rs.getString(1), Map.of("de", rs.getString(2), "en", rs.getString(3))))
                .list();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tile_url", tileUrl);
        config.put("topics", topics);
        config.put("districts", jdbc.sql("select name from district order by name").query(String.class).list());
        return revalidated(JSON.writeValueAsBytes(config), request);
    }

    /**
     * The number of items in each tab's public list, as the list's body holds them now (the same
     * cached body the list's URL serves), so the tabs show their counts before their lists are
     * loaded. Revalidated with its ETag like the lists.
     */
    @GetMapping("/projekte/counts.json")
    ResponseEntity<byte[]> counts(WebRequest request) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, ListKey> tab : TABS) {
            CachedList list = lists.get(tab.getValue(), Language.DE);
            counts.put(tab.getKey(), itemCounts.get(list.etag(), etag -> JSON.readTree(list.body()).size()));
        }
        return revalidated(JSON.writeValueAsBytes(counts), request);
    }

    /** JSON the browser revalidates with its ETag like the lists (a 304 when it has not changed). */
    private static ResponseEntity<byte[]> revalidated(byte[] body, WebRequest request) {
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

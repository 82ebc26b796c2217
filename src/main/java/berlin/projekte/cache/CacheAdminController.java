package berlin.projekte.cache;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/cache/clear}: evicts every entry. Superusers only: the security
 * configuration's rule for {@code /api/admin/**} allows this path to superusers alone, read from
 * the database at the request (not the session's authorities, which a revoked flag would outlive).
 * Answers {@code {"store": "redis", "evicted": ["projects", ...], "stored_before": {"plans": ["de"]}}}.
 */
@RestController
class CacheAdminController {

    private final ListCache cache;

    CacheAdminController(ListCache cache) {
        this.cache = cache;
    }

    @PostMapping({"/api/admin/cache/clear", "/api/admin/cache/clear/"})
    Map<String, Object> clear() {
        Map<String, List<String>> before = ClearCacheCommand.describe(cache.entries());
        Set<ListKey> evicted = cache.clear();
        return Map.of("store", cache.storeName(),
                "evicted", evicted.stream().map(ListKey::logicalName).sorted().toList(),
                "stored_before", before);
    }
}

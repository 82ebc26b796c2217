package berlin.projekte.cache;

import berlin.projekte.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/cache/clear}: evicts every entry (superusers only; the security
 * configuration authenticates {@code /api/admin/**}, this checks the {@value #SUPERUSER} authority).
 * Answers {@code {"store": "redis", "evicted": ["projects", ...], "stored_before": {"plans": ["de"]}}}.
 */
@RestController
class CacheAdminController {

    static final String SUPERUSER = "ROLE_SUPERUSER";

    private final ListCache cache;

    CacheAdminController(ListCache cache) {
        this.cache = cache;
    }

    @PostMapping({"/api/admin/cache/clear", "/api/admin/cache/clear/"})
    Map<String, Object> clear(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Authentication required.");
        }
        boolean superuser = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(SUPERUSER::equals);
        if (!superuser) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only superusers may clear the cache.");
        }
        Map<String, List<String>> before = ClearCacheCommand.describe(cache.entries());
        Set<ListKey> evicted = cache.clear();
        return Map.of("store", cache.storeName(),
                "evicted", evicted.stream().map(ListKey::logicalName).sorted().toList(),
                "stored_before", before);
    }
}

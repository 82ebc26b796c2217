package berlin.projekte.plans;

import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListResponses;
import berlin.projekte.web.Languages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/plans/}. */
@RestController
class PlanListController {

    private final ListCache cache;
    private final Languages languages;

    PlanListController(ListCache cache, Languages languages) {
        this.cache = cache;
        this.languages = languages;
    }

    @GetMapping({"/api/plans/", "/api/plans"})
    ResponseEntity<byte[]> plans(@RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                    HttpServletRequest request) {
        CachedList list = cache.get(ListKey.PLANS, languages.choose(acceptLanguage));
        return ListResponses.shared(list, request);
    }
}

package berlin.projekte.cache;

import berlin.projekte.web.Language;
import berlin.projekte.web.Languages;
import berlin.projekte.web.UndecodableUrlFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The lean path of the public lists: an anonymous {@code GET}/{@code HEAD} whose list the cache
 * holds is answered here, before the request observation, Spring Security and Spring MVC, which
 * it does not need (a public list is the same for everyone; JFR: they were most of a hit's cost,
 * see bench/findings.md). {@link ListResponses} writes it exactly as the controllers would, with
 * the security headers. Everything else goes down the normal chain unchanged: a miss (computed
 * by the controller), a bad {@code status} (400 there), a request with credentials (whose
 * authentication may fail with a 401), any other method.
 */
final class PublicListFilter extends HttpFilter {

    /** The exact paths served here (also the filter's URL patterns). */
    static final Map<String, ListKey> PATHS = Map.of(
            "/api/projects/", ListKey.PROJECTS, "/api/projects", ListKey.PROJECTS,
            "/api/extprojects/", ListKey.EXT_PROJECTS, "/api/extprojects", ListKey.EXT_PROJECTS,
            "/api/plans/", ListKey.PLANS, "/api/plans", ListKey.PLANS);

    private final transient ListCache cache;
    private final transient Languages languages;
    private final Map<String, String> browserHeaders;

    PublicListFilter(ListCache cache, Languages languages, Map<String, String> browserHeaders) {
        this.cache = cache;
        this.languages = languages;
        this.browserHeaders = browserHeaders;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UndecodableUrlFilter.refused(request, response)) {
            return;
        }
        ListKey key = leanCandidate(request).orElse(null);
        Language language = key == null ? null : languages.choose(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        CachedList hit = key == null ? null : cache.find(key, language);
        if (hit == null) {
            chain.doFilter(request, response);
            return;
        }
        cache.served(key, language);
        ListResponses.write(hit, browserHeaders, request, response);
    }

    private static Optional<ListKey> leanCandidate(HttpServletRequest request) {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method)) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return Optional.empty();
        }
        ListKey key = PATHS.get(request.getRequestURI());
        if (key != ListKey.PROJECTS) {
            return Optional.ofNullable(key);
        }
        String[] status = request.getParameterValues("status");
        if (status == null) {
            return Optional.of(key);
        }
        return status.length == 1 ? ListKey.forProjectStatus(status[0]) : Optional.empty();
    }
}

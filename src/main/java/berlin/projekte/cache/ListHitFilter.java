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
import org.springframework.http.HttpHeaders;

/**
 * A list-hit filter: a request whose list the cache holds is answered by the filter itself, before the
 * request observation, Spring Security and Spring MVC (JFR: they were most of a hit's cost, see
 * bench/findings.md), exactly as the controller would answer it ({@link ListResponses}, with the
 * security headers). Anything the subclass does not take (not a candidate, a miss, a hit it
 * declines) goes down the normal chain unchanged, which decides as it always did; a hit counts
 * only where it is answered.
 */
public abstract class ListHitFilter extends HttpFilter {

    private final transient ListCache cache;
    private final transient Languages languages;
    /** The configured security headers ({@link berlin.projekte.web.BrowserHeaders}). */
    protected final Map<String, String> browserHeaders;

    protected ListHitFilter(ListCache cache, Languages languages, Map<String, String> browserHeaders) {
        this.cache = cache;
        this.languages = languages;
        this.browserHeaders = browserHeaders;
    }

    /** The key this request may be answered from here, or null: the normal chain takes it. */
    protected abstract ListKey candidateKey(HttpServletRequest request);

    /** Answers the request from this hit of {@code key} in {@code language} and returns true, or returns false (nothing written) to pass it on. */
    protected abstract boolean answer(ListKey key, Language language, CachedList hit, HttpServletRequest request,
                                      HttpServletResponse response) throws IOException;

    @Override
    protected final void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UndecodableUrlFilter.refused(request, response)) {
            return;
        }
        ListKey key = candidateKey(request);
        Language language = key == null ? null : languages.choose(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        CachedList hit = key == null ? null : cache.find(key, language);
        if (hit != null && answer(key, language, hit, request, response)) {
            cache.served(key, language, hit);
            return;
        }
        chain.doFilter(request, response);
    }
}

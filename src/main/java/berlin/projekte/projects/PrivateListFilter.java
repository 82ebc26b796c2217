package berlin.projekte.projects;

import berlin.projekte.accounts.RememberedSignIn;
import berlin.projekte.accounts.SecurityProperties;
import berlin.projekte.accounts.Viewer;
import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListHitFilter;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListResponses;
import berlin.projekte.web.Language;
import berlin.projekte.web.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * The hit filter of {@code /api/privateprojects/} ({@link ListHitFilter}): a {@code GET}/{@code HEAD}
 * with HTTP Basic credentials whose entry the cache holds and whose user {@link RememberedSignIn} knows
 * (not throttled, the remembered row's password, the viewer remembered at the entry's generation)
 * is answered here as {@link PrivateProjectListController} would answer it. Everything else goes
 * down the normal chain: a session (any {@code Cookie} header), a miss, a throttled client, a
 * wrong password, a user or viewer to be read again.
 */
final class PrivateListFilter extends ListHitFilter {

    /** The exact paths served here (also the filter's URL patterns). */
    static final Set<String> PATHS = Set.of("/api/privateprojects/", "/api/privateprojects");

    private final transient RememberedSignIn signIn;
    private final transient PerViewerListCache perViewer;

    PrivateListFilter(ListCache cache, Languages languages, RememberedSignIn signIn, PerViewerListCache perViewer,
                      Map<String, String> browserHeaders) {
        super(cache, languages, browserHeaders);
        this.signIn = signIn;
        this.perViewer = perViewer;
    }

    @Override
    protected ListKey candidateKey(HttpServletRequest request) {
        return candidate(request) ? ListKey.PRIVATE_PROJECTS : null;
    }

    @Override
    protected boolean answer(ListKey key, Language language, CachedList hit, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Viewer viewer = signIn.viewer(request, hit.generation());
        if (viewer == null) {
            return false;
        }
        ListResponses.writePerUser(perViewer.forViewer(hit, viewer), browserHeaders, request, response);
        return true;
    }

    private static boolean candidate(HttpServletRequest request) {
        String method = request.getMethod();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return ("GET".equals(method) || "HEAD".equals(method)) && PATHS.contains(request.getRequestURI())
                && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && request.getHeader(HttpHeaders.COOKIE) == null;
    }

    /** First of all filters: before the request observation ({@code HIGHEST_PRECEDENCE + 1}) and Spring Security. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<PrivateListFilter> privateListFilter(ListCache cache, Languages languages, RememberedSignIn signIn,
                                                                    PerViewerListCache perViewer, SecurityProperties security) {
            FilterRegistrationBean<PrivateListFilter> registration = new FilterRegistrationBean<>(
                    new PrivateListFilter(cache, languages, signIn, perViewer, security.browserHeaders()));
            registration.setUrlPatterns(PATHS);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}

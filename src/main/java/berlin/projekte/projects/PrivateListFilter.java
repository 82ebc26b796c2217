package berlin.projekte.projects;

import berlin.projekte.accounts.LeanSignIn;
import berlin.projekte.accounts.SecurityProperties;
import berlin.projekte.accounts.Viewer;
import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListResponses;
import berlin.projekte.cache.PublicLists;
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
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * The lean path of {@code /api/privateprojects/}, as {@code PublicListFilter} is the public
 * lists': a {@code GET}/{@code HEAD} with HTTP Basic credentials whose entry the cache holds and
 * whose user {@link LeanSignIn} knows (not throttled, the remembered row's password, the viewer
 * remembered at the entry's generation) is answered here, before the request observation, Spring
 * Security and Spring MVC (JFR: most of a hit's cost), exactly as {@link PrivateProjectListController}
 * would answer it. Everything else goes down the normal chain, which decides as it always did: a
 * session (any {@code Cookie} header), a miss, a throttled client, a wrong password, a user or
 * viewer to be read again.
 */
final class PrivateListFilter extends HttpFilter {

    /** The exact paths served here (also the filter's URL patterns). */
    static final Set<String> PATHS = Set.of("/api/privateprojects/", "/api/privateprojects");

    private final transient PublicLists lists;
    private final transient Languages languages;
    private final transient LeanSignIn signIn;
    private final Map<String, String> browserHeaders;

    PrivateListFilter(PublicLists lists, Languages languages, LeanSignIn signIn, Map<String, String> browserHeaders) {
        this.lists = lists;
        this.languages = languages;
        this.signIn = signIn;
        this.browserHeaders = browserHeaders;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (UndecodableUrlFilter.refused(request, response)) {
            return;
        }
        Language language = leanCandidate(request) ? languages.choose(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)) : null;
        CachedList hit = language == null ? null : lists.find(ListKey.PRIVATE_PROJECTS, language);
        Viewer viewer = hit == null ? null : signIn.viewer(request, hit.generation());
        if (viewer == null) {
            chain.doFilter(request, response);
            return;
        }
        lists.served(ListKey.PRIVATE_PROJECTS, language);
        ListResponses.writePerUser(PrivateProjectEntry.filter(hit.body(), viewer), browserHeaders, request, response);
    }

    private static boolean leanCandidate(HttpServletRequest request) {
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
        FilterRegistrationBean<PrivateListFilter> privateListFilter(PublicLists lists, Languages languages, LeanSignIn signIn,
                                                                    SecurityProperties security) {
            FilterRegistrationBean<PrivateListFilter> registration = new FilterRegistrationBean<>(
                    new PrivateListFilter(lists, languages, signIn, security.browserHeaders()));
            registration.setUrlPatterns(PATHS);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}

package berlin.projekte.cache;

import berlin.projekte.web.Language;
import berlin.projekte.web.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The hit filter of the public lists: an anonymous {@code GET}/{@code HEAD} whose list the cache
 * holds is answered here, without the security and MVC work it does not need (a public list is
 * the same for everyone), in br where the client prefers it and it is made ({@link BrotliBodies}),
 * large bodies by sendfile ({@link BodyFiles}). Everything else goes down the normal chain: a miss (computed by the
 * controller), a bad {@code status} (400 there), a request with credentials (whose authentication
 * may fail with a 401), any other method.
 */
final class PublicListFilter extends ListHitFilter {

    /** The exact paths served here (also the filter's URL patterns). */
    static final Map<String, ListKey> PATHS = Map.of(
            ListKey.Paths.PROJECTS, ListKey.PROJECTS, ListKey.Paths.PROJECTS_, ListKey.PROJECTS,
            ListKey.Paths.EXT_PROJECTS, ListKey.EXT_PROJECTS, ListKey.Paths.EXT_PROJECTS_, ListKey.EXT_PROJECTS,
            ListKey.Paths.PLANS, ListKey.PLANS, ListKey.Paths.PLANS_, ListKey.PLANS);

    private final transient BrotliBodies brotli;
    private final transient BodyFiles files;

    PublicListFilter(ListCache cache, Languages languages, Map<String, String> browserHeaders, BrotliBodies brotli, BodyFiles files) {
        super(cache, languages, browserHeaders);
        this.brotli = brotli;
        this.files = files;
    }

    @Override
    protected ListKey candidateKey(HttpServletRequest request) {
        return candidate(request).orElse(null);
    }

    @Override
    protected boolean answer(ListKey key, Language language, CachedList hit, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ListResponses.write(key, language, hit, brotli, files, browserHeaders, request, response);
        return true;
    }

    private static Optional<ListKey> candidate(HttpServletRequest request) {
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

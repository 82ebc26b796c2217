package berlin.projekte.cache;

import berlin.projekte.cache.redis.RedisFixtures;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.web.Language;
import berlin.projekte.web.Languages;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@link PublicListFilter} alone, over a real in-memory cache: which requests it answers itself and
 * which it passes down the chain untouched. (Through the whole application: {@code PublicListFilterTest}.)
 */
class PublicListFilterAloneTest {

    private static final Map<String, String> BROWSER_HEADERS = Map.of("Content-Security-Policy", "default-src 'none'");
    private final CountingSource source = new CountingSource();
    private final CacheMetrics metrics = RedisFixtures.metrics("memory");
    private final MemoryStore store = new MemoryStore(Clock.systemUTC(), metrics);
    private final ListCache cache = new ListCache(List.of(source), store, metrics, Clock.systemUTC(), Duration.ofHours(1), false);
    private final PublicListFilter filter = new PublicListFilter(cache, new Languages(List.of("de", "en")), BROWSER_HEADERS, null,
            BodyFiles.none());

    @AfterEach
    void close() {
        cache.stop();
        store.close();
    }

    private static MockHttpServletRequest request(String method, String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (query != null) {
            request.setQueryString(query);
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.addParameter(nameValue[0], nameValue[1]);
            }
        }
        request.addHeader("Accept-Language", "en");
        return request;
    }

    /** The response, or null if the request went down the chain. */
    private MockHttpServletResponse answered(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain.getRequest() == null ? response : null;
    }

    @Test
    void aStoredPublicListIsAnsweredHereWithTheBrowserHeaders() throws Exception {
        cache.get(ListKey.PLANS, Language.EN);
        MockHttpServletResponse response = answered(request("GET", "/api/plans", null));
        assertThat(response).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsByteArray()).isEqualTo(CountingSource.body(ListKey.PLANS, Language.EN, 1));
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'");
        assertThat(response.getHeader(ListResponses.X_CACHE)).isEqualTo("HIT");
        assertThat(metrics.registry().get("projekte.cache.gets").tag("key", "plans").tag("result", "hit").counter().count())
                .as("a counted hit").isEqualTo(1);

        MockHttpServletResponse head = answered(request("HEAD", "/api/plans/", null));
        assertThat(head).isNotNull();
        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(head.getContentAsByteArray()).isEmpty();
    }

    @Test
    void theStatusParameterChoosesTheStatusList() throws Exception {
        cache.get(ListKey.PROJECTS_ACTIVE, Language.EN);
        MockHttpServletResponse response = answered(request("GET", "/api/projects/", "status=activeParticipation"));
        assertThat(response).isNotNull();
        assertThat(response.getContentAsByteArray()).isEqualTo(CountingSource.body(ListKey.PROJECTS_ACTIVE, Language.EN, 1));
        assertThat(answered(request("GET", "/api/projects/", null))).as("projects itself is not stored").isNull();
        cache.get(ListKey.PROJECTS, Language.EN);
        assertThat(answered(request("GET", "/api/projects", null)).getContentAsByteArray())
                .isEqualTo(CountingSource.body(ListKey.PROJECTS, Language.EN, 1));
    }

    @Test
    void everythingElseGoesDownTheChainUntouched() throws Exception {
        cache.get(ListKey.PROJECTS, Language.EN);
        cache.get(ListKey.PROJECTS_ACTIVE, Language.EN);
        cache.get(ListKey.PLANS, Language.EN);
        assertThat(answered(request("GET", "/api/extprojects/", null))).as("a miss").isNull();
        assertThat(answered(request("POST", "/api/plans/", null))).as("another method").isNull();
        MockHttpServletRequest withCredentials = request("GET", "/api/plans/", null);
        withCredentials.addHeader("Authorization", "Basic dTpw");
        assertThat(answered(withCredentials)).as("credentials").isNull();
        assertThat(answered(request("GET", "/api/projects/", "status=bogus"))).as("a bad status").isNull();
        assertThat(answered(request("GET", "/api/projects/", "status=activeParticipation&status=pastParticipation")))
                .as("two statuses").isNull();
        assertThat(answered(request("GET", "/api/nothing/", null))).as("another path").isNull();
    }

    @Test
    void anUndecodablePathIsRefusedHere() throws Exception {
        MockHttpServletResponse response = answered(request("GET", "/api/plans;a=%zz", null));
        assertThat(response).as("not passed on").isNotNull();
        assertThat(response.getStatus()).isEqualTo(400);
    }
}

package berlin.projekte.cache;

import berlin.projekte.testsupport.ExpectedEtag;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.web.Language;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ListResponsesTest {

    private final byte[] body = "[{\"title\":\"x\"}]".getBytes(StandardCharsets.UTF_8);
    private final CachedList hit = new CachedList(body, ListCache.gzip(body), ExpectedEtag.of(body), true);

    @Test
    void sharedListCarriesEtagVaryCacheControlAndXCache() {
        ResponseEntity<byte[]> response = ListResponses.shared(hit, null, null);
        HttpHeaders headers = response.getHeaders();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).isEqualTo(body);
        assertThat(headers.getETag()).isEqualTo(hit.etag()).doesNotStartWith("W/");
        assertThat(headers.getFirst(HttpHeaders.VARY)).isEqualTo("Accept-Encoding, Accept-Language");
        assertThat(headers.getCacheControl()).isEqualTo("no-cache");
        assertThat(headers.getFirst("X-Cache")).isEqualTo("HIT");
        assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(headers.getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        assertThat(ListResponses.shared(new CachedList(body, hit.gzip(), hit.etag(), false), null, null)
                .getHeaders().getFirst("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void ifNoneMatchWithTheEtagIs304WithoutBody() {
        for (String ifNoneMatch : new String[] {hit.etag(), "\"other\", " + hit.etag(), "W/" + hit.etag(), "*"}) {
            ResponseEntity<byte[]> response = ListResponses.shared(hit, ifNoneMatch, "gzip");
            assertThat(response.getStatusCode()).as(ifNoneMatch).isEqualTo(HttpStatus.NOT_MODIFIED);
            assertThat(response.getBody()).isNull();
            assertThat(response.getHeaders().getETag()).isEqualTo(hit.etag());
            assertThat(response.getHeaders().getFirst(HttpHeaders.VARY)).isNotNull();
        }
        assertThat(ListResponses.shared(hit, "\"other\"", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void gzipIsTheStoredGzipWhenAccepted() {
        for (String accept : new String[] {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.5", "*"}) {
            ResponseEntity<byte[]> response = ListResponses.shared(hit, null, accept);
            assertThat(response.getBody()).as(accept).isSameAs(hit.gzip());
            assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
            assertThat(response.getHeaders().getETag()).isEqualTo(hit.etag());
        }
        for (String accept : new String[] {"identity", "gzip;q=0", "br", "*, gzip;q=0"}) {
            ResponseEntity<byte[]> response = ListResponses.shared(hit, null, accept);
            assertThat(response.getBody()).as(accept).isEqualTo(body);
            assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isNull();
        }
    }

    @Test
    void perUserBodiesArePrivateNoStoreWithTheirOwnEtag() {
        byte[] mine = "[]".getBytes(StandardCharsets.UTF_8);
        ResponseEntity<byte[]> response = ListResponses.perUser(ListResponses.PerUser.of(mine), true, null, "gzip");
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("private, no-store");
        assertThat(response.getHeaders().getETag()).isEqualTo(ExpectedEtag.of(mine));
        assertThat(response.getBody()).isEqualTo(mine); // too small to be worth gzip
        assertThat(ListResponses.perUser(ListResponses.PerUser.of(mine), true, ExpectedEtag.of(mine), null).getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        byte[] large = ("[" + "{\"title\":\"private project\"},".repeat(100) + "{}]").getBytes(StandardCharsets.UTF_8);
        ResponseEntity<byte[]> gzipped = ListResponses.perUser(ListResponses.PerUser.of(large), false, null, "gzip");
        assertThat(gzipped.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(gzipped.getHeaders().getETag()).isEqualTo(ExpectedEtag.of(large));
        assertThat(gzipped.getHeaders().getFirst("X-Cache")).isEqualTo("MISS");
    }

    @Test
    void perUserBodiesAreGzippedFromOneKibibyte() {
        byte[] exactly = new byte[1024];
        java.util.Arrays.fill(exactly, (byte) ' ');
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/privateprojects/");
        request.addHeader(HttpHeaders.ACCEPT_ENCODING, "gzip");
        assertThat(ListResponses.perUser(ListResponses.PerUser.of(exactly), true, request).getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        request.addHeader(HttpHeaders.IF_NONE_MATCH, ExpectedEtag.of(exactly));
        assertThat(ListResponses.perUser(ListResponses.PerUser.of(exactly), true, request).getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void theRequestsHeadersDecide() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/plans/");
        request.addHeader(HttpHeaders.ACCEPT_ENCODING, "gzip");
        assertThat(ListResponses.shared(hit, request).getBody()).isSameAs(hit.gzip());
        request.addHeader(HttpHeaders.IF_NONE_MATCH, hit.etag());
        assertThat(ListResponses.shared(hit, request).getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void theHitFilterWritesWhatTheControllersAnswerPlusTheSecurityHeaders() throws Exception {
        MockHttpServletResponse written = write(new MockHttpServletRequest("GET", "/api/plans/"));
        ResponseEntity<byte[]> answered = ListResponses.shared(hit, null, null);
        assertThat(written.getStatus()).isEqualTo(200);
        assertThat(written.getContentAsByteArray()).isEqualTo(body);
        assertThat(written.getContentLength()).isEqualTo(body.length);
        assertThat(written.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        for (String header : List.of(HttpHeaders.ETAG, HttpHeaders.VARY, HttpHeaders.CACHE_CONTROL, ListResponses.X_CACHE)) {
            assertThat(written.getHeader(header)).as(header).isEqualTo(answered.getHeaders().getFirst(header)).isNotNull();
        }
        assertThat(written.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(written.getHeader("X-XSS-Protection")).isEqualTo("0");
        assertThat(written.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(written.getHeader(HttpHeaders.CONTENT_ENCODING)).isNull();

        MockHttpServletRequest gzip = new MockHttpServletRequest("GET", "/api/plans/");
        gzip.addHeader(HttpHeaders.ACCEPT_ENCODING, "gzip");
        MockHttpServletResponse gzipped = write(gzip);
        assertThat(gzipped.getHeader(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(gzipped.getContentAsByteArray()).isEqualTo(hit.gzip());

        MockHttpServletRequest revalidation = new MockHttpServletRequest("GET", "/api/plans/");
        revalidation.addHeader(HttpHeaders.IF_NONE_MATCH, hit.etag());
        MockHttpServletResponse notModified = write(revalidation);
        assertThat(notModified.getStatus()).isEqualTo(304);
        assertThat(notModified.getContentAsByteArray()).isEmpty();
        assertThat(notModified.getHeader(HttpHeaders.ETAG)).isEqualTo(hit.etag());
    }

    private MockHttpServletResponse write(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(299); // not the default: the hit filter sets its status itself
        ListResponses.write(ListKey.PLANS, Language.DE, hit, null, BodyFiles.none(), Map.of(), request, response);
        return response;
    }
}

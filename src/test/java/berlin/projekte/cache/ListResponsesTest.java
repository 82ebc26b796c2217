package berlin.projekte.cache;

import berlin.projekte.testsupport.ExpectedEtag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

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
        ResponseEntity<byte[]> response = ListResponses.perUser(mine, true, null, "gzip");
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("private, no-store");
        assertThat(response.getHeaders().getETag()).isEqualTo(ExpectedEtag.of(mine));
        assertThat(response.getBody()).isEqualTo(mine); // too small to be worth gzip
        assertThat(ListResponses.perUser(mine, true, ExpectedEtag.of(mine), null).getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        byte[] large = ("[" + "{\"title\":\"private project\"},".repeat(100) + "{}]").getBytes(StandardCharsets.UTF_8);
        ResponseEntity<byte[]> gzipped = ListResponses.perUser(large, false, null, "gzip");
        assertThat(gzipped.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)).isEqualTo("gzip");
        assertThat(gzipped.getHeaders().getETag()).isEqualTo(ExpectedEtag.of(large));
        assertThat(gzipped.getHeaders().getFirst("X-Cache")).isEqualTo("MISS");
    }
}

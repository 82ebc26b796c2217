package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.TestData;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hit filter of public-list hits answers exactly as the normal path does (status, headers,
 * bytes, security headers), and leaves to the normal path what it must not answer: misses, bad
 * input, requests with credentials, other methods. Malformed {@code Accept-Encoding} is no error.
 */
class PublicListFilterTest extends PostgresTest {

    private static final List<String> HEADERS = List.of("ETag", "Vary", "Cache-Control", "Content-Type", "Content-Encoding",
            "Content-Length", "X-Content-Type-Options", "X-XSS-Protection", "X-Frame-Options");

    @Autowired JdbcTemplate jdbc;
    @Autowired ListCache cache;


    @BeforeEach
    void aFewLists() {
        TestData.reset(jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        fixtures.user("admin", true);
        long organisation = fixtures.organisation("Bezirksamt Pankow");
        fixtures.project("Schlosspark", organisation).insert();
        fixtures.project("Radweg", organisation).kind("EXTERNAL", "https://example.org/radweg").insert();
        fixtures.plan("Neue Mitte", organisation).insert();
        cache.clear();
    }

    @Test
    void aHitTheFilterAnswersIsAnsweredAsTheMissOnTheNormalPathWas() {
        for (String path : List.of("/api/projects/", "/api/projects?status=pastParticipation", "/api/extprojects", "/api/plans/")) {
            for (String encoding : new String[] {null, "gzip, deflate"}) { // br: BrotliHttpTest (hit filter only)
                cache.clear();
                String[] accept = encoding == null ? new String[0] : new String[] {"Accept-Encoding", encoding};
                Http.Response miss = http.get(path, accept);
                Http.Response hit = http.get(path, accept);
                assertThat(miss.header(ListResponses.X_CACHE)).as(path).isEqualTo("MISS");
                assertThat(hit.header(ListResponses.X_CACHE)).as(path).isEqualTo("HIT");
                assertThat(hit.status()).isEqualTo(200);
                assertThat(hit.body()).as(path).isEqualTo(miss.body());
                for (String header : HEADERS) {
                    assertThat(hit.header(header)).as(path + " " + header).isEqualTo(miss.header(header));
                }
                Http.Response revalidated = http.get(path, "If-None-Match", hit.header("ETag"));
                assertThat(revalidated.status()).isEqualTo(304);
                assertThat(revalidated.body()).isEmpty();
                assertThat(revalidated.headers().map().keySet().stream().map(String::toLowerCase)).as("a 304 updates the stored 200 only where needed")
                        .containsExactlyInAnyOrder("etag", "vary", "cache-control", "x-cache", "date");
                for (String header : List.of("ETag", "Vary", "Cache-Control")) {
                    assertThat(revalidated.header(header)).as(path + " 304 " + header).isEqualTo(hit.header(header));
                }
                assertThat(hit.header("X-Frame-Options")).as("the stored 200 keeps the security headers").isEqualTo("DENY");
            }
        }
    }

    @Test
    void headGetsTheHeadersOfAGetWithoutTheBody() {
        Http.Response get = http.get("/api/plans/");
        Http.Response head = http.send("HEAD", "/api/plans/", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header(ListResponses.X_CACHE)).isEqualTo("HIT");
        assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.body().length));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void whatTheHitFilterMustNotAnswerGoesTheNormalWay() {
        http.get("/api/projects/");
        http.get("/api/projects/?status=pastParticipation");
        assertThat(http.get("/api/projects/?status=bogus").status()).isEqualTo(400);
        assertThat(http.get("/api/projects/?status=pastParticipation&status=pastParticipation").status())
                .as("two statuses are not a key").isNotEqualTo(200);
        assertThat(http.get("/api/projects/", "Authorization", Http.basic("admin", "wrong")).status())
                .as("bad credentials stay a 401 on a cached list").isEqualTo(401);
        assertThat(http.get("/api/projects/", "Authorization", Http.basic("admin", Fixtures.PASSWORD)).status()).isEqualTo(200);
        assertThat(http.send("POST", "/api/plans/", "{}", "Content-Type", "application/json").status()).isNotEqualTo(200);
    }

    @Test
    void malformedAcceptEncodingIsIdentityNotAnError() {
        http.get("/api/extprojects/");
        for (String malformed : List.of(";", ",,,;;;", "gzip;q=", ";q=0")) {
            Http.Response response = http.get("/api/extprojects/", "Accept-Encoding", malformed);
            assertThat(response.status()).as(malformed).isEqualTo(200);
            assertThat(response.header(ListResponses.X_CACHE)).isEqualTo("HIT");
        }
    }
}

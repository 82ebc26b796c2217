package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.MutableClock;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.RedisKeys;
import berlin.projekte.testsupport.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP side of the cached lists over a real socket, with the Redis store on the real Redis
 * (docs/api.md: status rule, HTTP caching; docs/operations.md: metrics): strong ETags and 304s, stored gzip bytes,
 * {@code Vary}, {@code X-Cache}, bad statuses refused without a trace in Redis, and meters on
 * {@code /actuator/prometheus} that count what happened.
 */
class HttpCachingTest extends PostgresTest {

    static final String PREFIX = RedisKeys.uniquePrefix("http");
    static final List<String> SHARED_LISTS = List.of("/api/projects/", "/api/projects/?status=activeParticipation",
            "/api/projects/?status=futureParticipation", "/api/projects/?status=pastParticipation", "/api/extprojects/",
            "/api/plans/");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        RedisKeys.useRedisStore(registry, PREFIX);
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired ListCache cache;
    @Autowired MutableClock clock;


    @BeforeEach
    void someOfEveryList() {
        TestData.reset(jdbc);
        Fixtures fixtures = new Fixtures(jdbc);
        long organisation = fixtures.organisation("Bezirksamt Neukölln");
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            Instant start = now.plus(Duration.ofDays(i * 3L - 15));
            fixtures.project("Kiezprojekt " + i, organisation).topics("URB", "NEI")
                    .module(Fixtures.phase(start, start.plus(Duration.ofDays(10)))).insert();
        }
        fixtures.project("Radweg", organisation).kind("EXTERNAL", "https://example.org/radweg").insert();
        fixtures.plan("Neue Mitte", organisation).cost("1 Mio. €").insert();
        cache.clear();
    }


    @AfterAll
    static void removeRedisKeys() {
        RedisKeys.deleteAll(PREFIX);
    }

    @Test
    void everyListHasAStrongETagThatAnswers304WithAnEmptyBody() {
        for (String path : SHARED_LISTS) {
            Http.Response full = http.get(path);
            assertThat(full.status()).as(path).isEqualTo(200);
            String etag = full.header("ETag");
            assertThat(etag).as(path).matches("\"[^\"]+\"");
            assertVary(full, path);

            Http.Response revalidated = http.get(path, "If-None-Match", etag);
            assertThat(revalidated.status()).as(path).isEqualTo(304);
            assertThat(revalidated.body()).as(path).isEmpty();
            assertThat(revalidated.header("ETag")).as(path).isEqualTo(etag);
            assertThat(revalidated.header("X-Cache")).as(path).isEqualTo("HIT");
            assertVary(revalidated, path);
            assertThat(http.get(path, "If-None-Match", "\"other\", " + etag).status()).as("one of a list").isEqualTo(304);
            assertThat(http.get(path, "If-None-Match", "W/" + etag).status()).as("weak comparison").isEqualTo(304);
            assertThat(http.get(path, "If-None-Match", "\"other\"").status()).as(path).isEqualTo(200);

            // each language is its own representation: the German ETag does not validate the English list
            Http.Response english = http.get(path, "Accept-Language", "en-GB,en;q=0.9");
            assertThat(english.header("ETag")).as(path).isNotEqualTo(etag);
            assertThat(http.get(path, "If-None-Match", etag, "Accept-Language", "en").status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void gzipIsSentWhenAcceptedAndGunzipsToTheIdentityBody() {
        for (String path : SHARED_LISTS) {
            Http.Response identity = http.get(path);
            assertThat(identity.header("Content-Encoding")).as(path).isNull();
            Http.Response gzip = http.get(path, "Accept-Encoding", "gzip, deflate");
            assertThat(gzip.status()).isEqualTo(200);
            assertThat(gzip.header("Content-Encoding")).as(path).isEqualTo("gzip");
            assertThat(gunzip(gzip.body())).as(path).isEqualTo(identity.body());
            assertThat(gzip.header("ETag")).as("one representation, one ETag").isEqualTo(identity.header("ETag"));
            assertThat(gzip.header("Content-Type")).startsWith("application/json");
            assertVary(gzip, path);
            assertThat(http.get(path, "Accept-Encoding", "gzip;q=0, identity").header("Content-Encoding")).as("refused gzip").isNull();
        }
        assertThat(http.get("/api/projects/").body().length).as("worth compressing")
                .isGreaterThan(http.get("/api/projects/", "Accept-Encoding", "gzip").body().length);
    }

    @Test
    void xCacheSaysWhereTheBodyCameFrom() {
        for (String path : SHARED_LISTS) {
            Http.Response first = http.get(path, "Accept-Language", "en");
            Http.Response second = http.get(path, "Accept-Language", "en");
            assertThat(first.header("X-Cache")).as(path).isEqualTo("MISS");
            assertThat(second.header("X-Cache")).as(path).isEqualTo("HIT");
            assertThat(second.body()).isEqualTo(first.body());
        }
        Http.Response privateList = http.get("/api/privateprojects/");
        assertThat(privateList.header("X-Cache")).isEqualTo("MISS");
        assertThat(privateList.header("Cache-Control")).isEqualTo("private, no-store");
        assertVary(privateList, "/api/privateprojects/");
        assertThat(http.get("/api/privateprojects/").header("X-Cache")).isEqualTo("HIT");
        assertThat(http.get("/api/projects/").header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void aBadStatusIs400NamingTheAllowedValuesAndLeavesNoKeyInRedis() {
        http.get("/api/projects/"); // the namespace exists (liveness and generation keys)
        Set<String> keysBefore = RedisKeys.keys(PREFIX);
        assertThat(keysBefore).isNotEmpty();
        double computedBefore = computations("projects_activeParticipation") + computations("projects");

        List<String> badQueries = List.of("status=bogus", "status=", "status=ACTIVEPARTICIPATION",
                "status=activeparticipation", "status=ActiveParticipation", "status=activeParticipation%20",
                "status=%20activeParticipation", "status=projects", "status=participation", "status=" + "x".repeat(4000),
                "status=" + URLEncoder.encode("aktivTeilnahme\u00e9\u0436\u2603\ud83d\ude00", StandardCharsets.UTF_8),
                "status=activeParticipation%00", "status=activeParticipation&status=pastParticipation",
                "status=activeParticipation&status=activeParticipation");
        for (String query : badQueries) {
            Http.Response response = http.get("/api/projects/?" + query);
            String as = query.length() > 80 ? query.substring(0, 80) + "…" : query;
            assertThat(response.status()).as(as).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(as).startsWith("application/json");
            JsonNode body = response.json();
            assertThat(body.get("detail").asString()).as(as)
                    .contains("activeParticipation", "futureParticipation", "pastParticipation");
            assertThat(response.text()).as(as).doesNotContain("Exception", "at berlin.");
        }
        assertThat(RedisKeys.keys(PREFIX)).as("no key for a bad status").isEqualTo(keysBefore);
        assertThat(computations("projects_activeParticipation") + computations("projects")).as("nothing computed")
                .isEqualTo(computedBefore);

        assertThat(http.get("/api/projects/?status=activeParticipation&foo=bar").status()).as("unknown parameters are ignored")
                .isEqualTo(200);
        assertThat(http.get("/api/projects/?foo=bar").status()).isEqualTo(200);
    }

    @Test
    void theMetricsOfSpec5AreExposedAndCount() {
        String scrape = http.get("/actuator/prometheus").text();
        for (ListKey key : ListKey.values()) {
            String k = "key=\"" + key.logicalName() + "\"";
            assertThat(scrape).contains("projekte_cache_gets_total{" + k + ",result=\"hit\",store=\"redis\"}")
                    .contains("projekte_cache_gets_total{" + k + ",result=\"miss\",store=\"redis\"}")
                    .contains("projekte_cache_computation_seconds_count{" + k + ",store=\"redis\"}");
            for (String reason : List.of("change", "transition", "timeout", "clear")) {
                assertThat(scrape).contains("projekte_cache_evictions_total{" + k + ",reason=\"" + reason + "\",store=\"redis\"}");
            }
        }
        assertThat(scrape).as("Redis errors are visible before the first one").contains("projekte_cache_redis_errors_total{");

        double misses = gets("plans", "miss");
        double hits = gets("plans", "hit");
        double computed = computations("plans");
        double cleared = evictions("plans", "clear");
        double timedOut = evictions("plans", "timeout");

        assertThat(http.get("/api/plans/").header("X-Cache")).isEqualTo("MISS");
        assertThat(http.get("/api/plans/").header("X-Cache")).isEqualTo("HIT");
        assertThat(http.get("/api/plans/", "Accept-Language", "en").header("X-Cache")).isEqualTo("MISS");
        assertThat(gets("plans", "miss")).isEqualTo(misses + 2);
        assertThat(gets("plans", "hit")).isEqualTo(hits + 1);
        assertThat(computations("plans")).isEqualTo(computed + 2);

        cache.clear();
        assertThat(evictions("plans", "clear")).isEqualTo(cleared + 1);

        http.get("/api/plans/");
        clock.set(Instant.now().plus(Duration.ofHours(2))); // past the 1 h timeout
        assertThat(http.get("/api/plans/").header("X-Cache")).isEqualTo("MISS");
        assertThat(evictions("plans", "timeout")).isEqualTo(timedOut + 1);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertVary(Http.Response response, String path) {
        Set<String> vary = response.headers().allValues("Vary").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertThat(vary).as(path + " Vary").contains("accept-encoding", "accept-language");
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double gets(String key, String result) {
        return metric("projekte_cache_gets_total{key=\"" + key + "\",result=\"" + result + "\",store=\"redis\"}");
    }

    private double evictions(String key, String reason) {
        return metric("projekte_cache_evictions_total{key=\"" + key + "\",reason=\"" + reason + "\",store=\"redis\"}");
    }

    private double computations(String key) {
        return metric("projekte_cache_computation_seconds_count{key=\"" + key + "\",store=\"redis\"}");
    }

    /** One sample's value from {@code /actuator/prometheus}. */
    private double metric(String series) {
        String scrape = http.get("/actuator/prometheus").text();
        Matcher sample = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(sample.find()).as(series).isTrue();
        return Double.parseDouble(sample.group(1));
    }
}

package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.RawHttp;
import berlin.projekte.testsupport.StatementCounter;
import berlin.projekte.testsupport.WriteApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hit filter of {@code /api/privateprojects/} ({@link PrivateListFilter}) answers an HTTP Basic
 * hit exactly as the normal chain does, without a statement, and leaves everything else to the
 * chain: sessions, misses, other methods and paths, wrong passwords, throttled clients. (Revoked
 * rights: {@code RevokedAccessTest} and {@code NearCopyAcceptanceTest}, whose hits the filter answers.)
 */
class PrivateListFilterTest extends WriteApiTest {

    private static final String PATH = "/api/privateprojects/";
    /** Any cookie sends a request down the normal chain. */
    private static final String[] NORMAL = {"Cookie", "theme=dark"};

    @Autowired ListCache cache;
    @Autowired MeterRegistry meters;

    private String asMember;

    @BeforeEach
    void privateProjects() {
        long member = fixtures.user("member", false);
        fixtures.project("Personalrat", organisation).access("PRIVATE").insert();
        for (int i = 0; i < 6; i++) { // enough bytes to be worth gzip
            fixtures.project("Gremium " + i, organisation).access("PRIVATE").participant(member).insert();
        }
        cache.clear();
        asMember = Http.basic("member", Fixtures.PASSWORD);
        assertThat(counted("GET").byHitFilter()).as("the first request: a miss, signed in from the database").isFalse();
    }

    @Test
    void hitFilterAndNormalAnswersAreTheSameHeaderByHeaderAndByteByByte() {
        Http.Response identity = counted("GET").response();
        assertThat(identity.text()).contains("Gremium 5").doesNotContain("Personalrat");
        assertThat(identity.body().length).isGreaterThan(1024);
        String etag = identity.header("ETag");
        Map<String, String[]> requests = Map.of(
                "200 identity", new String[] {"GET"},
                "200 gzip", new String[] {"GET", "Accept-Encoding", "gzip, deflate, br"},
                "304", new String[] {"GET", "If-None-Match", etag, "Accept-Encoding", "gzip"},
                "HEAD", new String[] {"HEAD"});
        requests.forEach((what, request) -> {
            String[] headers = List.of(request).subList(1, request.length).toArray(String[]::new);
            StatementCounter.Counted normal = counted(request[0], concat(headers, NORMAL));
            StatementCounter.Counted early = counted(request[0], headers);
            assertThat(normal.byHitFilter()).as(what + ": normal").isFalse();
            assertThat(early.byHitFilter()).as(what + ": hit filter").isTrue();
            assertThat(early.statements()).as(what + ": hit filter, no statement").isZero();
            assertThat(early.response().status()).as(what).isEqualTo(normal.response().status());
            Map<String, List<String>> earlyHeaders = headersButDate(early.response());
            Map<String, List<String>> normalHeaders = headersButDate(normal.response());
            if (what.equals("304")) { // the hit filter's 304 carries what updates a stored copy (docs/api.md), the normal one more
                assertThat(earlyHeaders.keySet().stream().map(String::toLowerCase)).as(what)
                        .containsExactlyInAnyOrder("etag", "vary", "cache-control", "x-cache");
                normalHeaders.keySet().retainAll(earlyHeaders.keySet());
            }
            assertThat(earlyHeaders).as(what).isEqualTo(normalHeaders);
            assertThat(early.response().body()).as(what).isEqualTo(normal.response().body());
        });
        assertThat(counted("GET", "Accept-Encoding", "gzip").response().header("Content-Encoding")).isEqualTo("gzip");
        assertThat(counted("GET", "If-None-Match", etag).response().status()).isEqualTo(304);
    }

    @Test
    void aWrongPasswordAfterARememberedSignInIsA401AndCountedUntilEvenTheRightOneWaits() {
        assertThat(counted("GET").byHitFilter()).as("remembered").isTrue();
        int tries = 0;
        RawHttp.Response response;
        do {
            tries++;
            response = RawHttp.send("127.0.0.71", port, RawHttp.get(PATH, "Authorization: " + Http.basic("member", "guess-" + tries)),
                    Duration.ofSeconds(10));
        } while (response.status() == 401 && tries < 20);
        assertThat(tries).as("wrong passwords answered 401 before the throttle").isGreaterThan(1);
        assertThat(response.status()).as("after " + tries + " wrong passwords").isEqualTo(429);

        StatementCounter.Counted right = counted("GET");
        assertThat(right.response().status()).as("the right password, another address, same username").isEqualTo(429);
        assertThat(right.byHitFilter()).isFalse();
    }

    @Test
    void whatTheHitFilterMustNotAnswerGoesTheNormalWay() {
        assertThat(counted("GET").byHitFilter()).as("remembered").isTrue();
        assertThat(counted("GET", NORMAL).byHitFilter()).as("a cookie").isFalse();
        StatementCounter.Counted post = StatementCounter.send(http, "POST", PATH, "Authorization", asMember);
        assertThat(post.byHitFilter()).as("POST").isFalse();
        assertThat(post.response().status()).isNotEqualTo(200);
        StatementCounter.Counted unknown = StatementCounter.get(http, PATH + "x", "Authorization", asMember);
        assertThat(unknown.byHitFilter()).as("another path").isFalse();
        assertThat(unknown.response().status()).isEqualTo(404);
        assertThat(StatementCounter.get(http, PATH).byHitFilter()).as("no credentials").isFalse();
        assertThat(StatementCounter.get(http, PATH, "Authorization", "Bearer " + asMember.substring(6)).byHitFilter())
                .as("other credentials").isFalse();
        cache.clear();
        StatementCounter.Counted miss = counted("GET");
        assertThat(miss.byHitFilter()).as("a miss").isFalse();
        assertThat(miss.response().header("X-Cache")).isEqualTo("MISS");
        assertThat(counted("GET").byHitFilter()).as("the next hit").isTrue();
    }

    @Test
    void aHitIsCountedOnceWhicheverPathAnswersAndNotWhenTheChainRefusesIt() {
        double before = hits();
        assertThat(counted("GET").byHitFilter()).isTrue();
        assertThat(hits()).as("a hit the filter answered").isEqualTo(before + 1);
        assertThat(counted("GET", NORMAL).byHitFilter()).isFalse();
        assertThat(hits()).as("a hit of the normal chain").isEqualTo(before + 2);
        // from an address of its own: 127.0.0.1's failures are every test's
        assertThat(RawHttp.send("127.0.0.72", port, RawHttp.get(PATH, "Authorization: " + Http.basic("member", "wrong")),
                Duration.ofSeconds(10)).status()).isEqualTo(401);
        assertThat(hits()).as("found by the hit filter, refused by the chain").isEqualTo(before + 2);
    }

    private double hits() {
        return meters.get("projekte.cache.gets").tag("key", "privateprojects").tag("result", "hit").counter().count();
    }

    /** {@code method} of the private list as the member, with these headers, counted. */
    private StatementCounter.Counted counted(String method, String... headers) {
        return StatementCounter.send(http, method, PATH, concat(new String[] {"Authorization", asMember}, headers));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = new String[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static Map<String, List<String>> headersButDate(Http.Response response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        headers.remove("Date");
        return headers;
    }
}

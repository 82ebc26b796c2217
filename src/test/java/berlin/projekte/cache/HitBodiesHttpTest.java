package berlin.projekte.cache;

import static berlin.projekte.testsupport.RedisProcess.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import berlin.projekte.testsupport.TestData;
import com.aayushatharva.brotli4j.decoder.Decoder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bodies of public-list hits over a real socket on the real Tomcat: large ones sent from their
 * file by sendfile ({@link BodyFiles}), the fallback to the bytes in memory when the file is gone,
 * the files of an evicted list deleted and never its bytes sent again, and br ({@link BrotliBodies}).
 */
class HitBodiesHttpTest extends PostgresTest {

    static final int MIN_BYTES = 8 * 1024;
    static final Path DIR = temporaryDirectory();

    @DynamicPropertySource
    static void bodyFiles(DynamicPropertyRegistry registry) {
        registry.add("projekte.cache.body-files.dir", DIR::toString);
        registry.add("projekte.cache.body-files.min-bytes", () -> MIN_BYTES + "B");
        registry.add("projekte.cache.body-files.grace", () -> "200ms");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("projekte-body-files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired ListCache cache;
    @Autowired MeterRegistry meters;
    private Fixtures fixtures;
    private long organisation;

    @BeforeEach
    void manyProjects() {
        TestData.reset(jdbc);
        fixtures = new Fixtures(jdbc);
        organisation = fixtures.organisation("Bezirksamt Lichtenberg");
        Instant now = Instant.now();
        for (int i = 0; i < 30; i++) {
            Instant start = now.plus(Duration.ofDays(i * 2L - 20));
            fixtures.project("Kiezprojekt " + i, organisation).topics("URB", "NEI")
                    .module(Fixtures.phase(start, start.plus(Duration.ofDays(10)))).insert();
        }
        cache.clear();
        awaitTrue(() -> files().isEmpty(), "the files of the test before deleted");
    }

    private double sent(String coding) {
        return meters.get("projekte.cache.body.files.sent").tag("coding", coding).counter().count();
    }

    private double gone() {
        return meters.get("projekte.cache.body.files.fallbacks").tag("reason", "gone").counter().count();
    }

    private static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aLargeHitIsSentFromItsFileAndASmallOneFromMemory() {
        Http.Response miss = http.get("/api/projects/");
        assertThat(miss.header(ListResponses.X_CACHE)).isEqualTo("MISS");
        assertThat(miss.body().length).as("large enough for a file").isGreaterThanOrEqualTo(MIN_BYTES);
        double identity = sent("identity");
        double gzip = sent("gzip");

        Http.Response hit = http.get("/api/projects/");
        assertThat(hit.header(ListResponses.X_CACHE)).isEqualTo("HIT");
        assertThat(hit.body()).as("every byte, as Tomcat read them from the file").isEqualTo(miss.body());
        assertThat(hit.header("Content-Length")).isEqualTo(String.valueOf(miss.body().length));
        assertThat(sent("identity")).isEqualTo(identity + 1);
        assertThat(files()).singleElement().satisfies(file -> assertThat(read(file)).isEqualTo(miss.body()));

        Http.Response gzipped = http.get("/api/projects/", "Accept-Encoding", "gzip");
        assertThat(gzipped.body().length).as("too small for a file").isLessThan(MIN_BYTES);
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(sent("gzip")).isEqualTo(gzip);

        Http.Response head = http.send("HEAD", "/api/projects/", null);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(miss.body().length));
        assertThat(sent("identity")).as("no body, no file").isEqualTo(identity + 1);
        assertThat(http.get("/api/projects/", "If-None-Match", hit.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void aDeletedFileIsAnsweredFromMemoryAndWrittenAgain() throws IOException {
        byte[] body = http.get("/api/projects/").body();
        http.get("/api/projects/");
        for (Path file : files()) {
            Files.delete(file);
        }
        double sent = sent("identity");
        double gone = gone();

        Http.Response fallback = http.get("/api/projects/");
        assertThat(fallback.body()).isEqualTo(body);
        assertThat(gone()).isEqualTo(gone + 1);
        assertThat(sent("identity")).isEqualTo(sent);

        Http.Response again = http.get("/api/projects/");
        assertThat(again.body()).isEqualTo(body);
        assertThat(sent("identity")).as("sent from a new file").isEqualTo(sent + 1);
        assertThat(files()).singleElement().satisfies(file -> assertThat(read(file)).isEqualTo(body));
    }

    @Test
    void anEvictedListsFileIsDeletedAndItsBytesAreNeverSentAgain() {
        Http.Response before = http.get("/api/projects/");
        http.get("/api/projects/");
        Path old = files().get(0);

        fixtures.project("Neuer Stadtplatz", organisation).insert();
        cache.evict(Set.of(ListKey.values()), EvictionReason.CHANGE); // as a write's after-commit eviction does
        Http.Response after = http.get("/api/projects/");
        Http.Response hit = http.get("/api/projects/");

        assertThat(hit.header(ListResponses.X_CACHE)).isEqualTo("HIT");
        assertThat(hit.header("ETag")).isNotEqualTo(before.header("ETag")).isEqualTo(after.header("ETag"));
        assertThat(new String(hit.body(), StandardCharsets.UTF_8)).contains("Neuer Stadtplatz");
        assertThat(hit.body()).isEqualTo(after.body());
        awaitTrue(() -> !Files.exists(old), "the evicted list's file deleted after the grace");
        assertThat(files()).singleElement().satisfies(file -> assertThat(read(file)).isEqualTo(after.body()));

        cache.clear();
        awaitTrue(() -> files().isEmpty(), "every file deleted after a clear");
    }

    @Test
    void brIsSentOnceMadeAndDecodesToTheIdentityBody() throws IOException {
        byte[] identity = http.get("/api/projects/").body();
        Http.Response br = null;
        for (int i = 0; i < 100 && (br == null || !"br".equals(br.header("Content-Encoding"))); i++) {
            br = http.get("/api/projects/", "Accept-Encoding", "gzip, deflate, br");
            assertThat(br.header("Content-Encoding")).as("gzip until br is made").isIn("br", "gzip");
            sleep(br.header("Content-Encoding").equals("br") ? 0 : 50);
        }
        assertThat(br.header("Content-Encoding")).isEqualTo("br");
        assertThat(Decoder.decompress(br.body()).getDecompressedData()).isEqualTo(identity);
        assertThat(br.header("ETag")).isEqualTo(http.get("/api/projects/").header("ETag"));
        assertThat(br.header("Vary")).contains("Accept-Encoding");
        Http.Response gzip = http.get("/api/projects/", "Accept-Encoding", "gzip");
        assertThat(br.body().length).as("smaller than gzip").isLessThan(gzip.body().length);

        assertThat(http.get("/api/projects/", "Accept-Encoding", "br;q=0.5, gzip").header("Content-Encoding")).isEqualTo("gzip");
        assertThat(http.get("/api/projects/", "Accept-Encoding", "br;q=0, gzip").header("Content-Encoding")).isEqualTo("gzip");
        assertThat(http.get("/api/projects/", "Accept-Encoding", "br;q=0.1, identity").header("Content-Encoding")).isNull();
        assertThat(http.get("/api/projects/", "Accept-Encoding", "br").header("Content-Encoding")).isEqualTo("br");
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get() && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertThat(condition.get()).as(what).isTrue();
    }
}

package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.web.AcceptEncoding.Coding;
import berlin.projekte.web.Language;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * {@link BodyFiles} on real files: what a request is given to send, the bound, the lifetime of a
 * file (replaced, evicted, deleted after the grace), and the directory emptied at start and deleted
 * at close. (Through Tomcat: {@code HitBodiesHttpTest}.)
 */
class BodyFilesTest {

    @TempDir Path parent;
    private BodyFiles files;

    @AfterEach
    void close() {
        if (files != null) {
            files.close();
        }
    }

    private BodyFiles files(long minBytes, long maxBytes, Duration grace) {
        files = new BodyFiles(parent.resolve("bodies"), minBytes, maxBytes, grace, new SimpleMeterRegistry());
        return files;
    }

    private static MockHttpServletRequest tomcat() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/plans/");
        request.setAttribute(BodyFiles.SUPPORT, Boolean.TRUE);
        return request;
    }

    private static byte[] body(String text, int length) {
        return text.repeat(length / text.length() + 1).substring(0, length).getBytes(StandardCharsets.UTF_8);
    }

    private static String etag(byte[] body) {
        return ListCache.etag(body);
    }

    private List<Path> onDisk() {
        try (Stream<Path> list = Files.list(files.dir())) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code body} as the German plans in {@code coding}; the file the request was given, or null. */
    private Path send(byte[] body, Coding coding, MockHttpServletRequest request) {
        if (!files.send(ListKey.PLANS, Language.DE, coding, etag(body), body, request)) {
            return null;
        }
        assertThat(request.getAttribute(BodyFiles.START)).isEqualTo(0L);
        assertThat(request.getAttribute(BodyFiles.END)).isEqualTo((long) body.length);
        return Path.of((String) request.getAttribute(BodyFiles.FILENAME));
    }

    @Test
    void aBodyFromTheThresholdOnIsGivenAsAFileHoldingExactlyItsBytes() throws IOException {
        files(1000, 1 << 20, Duration.ofSeconds(10));
        byte[] large = body("[{\"title\":\"Radweg\"}]", 1000);
        Path file = send(large, Coding.IDENTITY, tomcat());
        assertThat(file).isNotNull();
        assertThat(Files.readAllBytes(file)).isEqualTo(large);
        assertThat(send(large, Coding.IDENTITY, tomcat())).as("the same file for the same bytes").isEqualTo(file);
        assertThat(onDisk()).as("no temporary file left").containsExactly(file);

        assertThat(send(body("[]", 999), Coding.IDENTITY, tomcat())).as("below the threshold").isNull();
        MockHttpServletRequest noSendfile = new MockHttpServletRequest("GET", "/api/plans/");
        assertThat(send(large, Coding.IDENTITY, noSendfile)).as("a connector without sendfile").isNull();
        assertThat(noSendfile.getAttribute(BodyFiles.FILENAME)).isNull();
    }

    @Test
    void filesAreBoundedAndBeyondTheBoundBodiesAreWrittenFromMemory() {
        files(100, 2500, Duration.ofSeconds(10));
        assertThat(send(body("a", 1000), Coding.IDENTITY, tomcat())).isNotNull();
        assertThat(send(body("b", 1000), Coding.GZIP, tomcat())).isNotNull();
        assertThat(send(body("c", 1000), Coding.BR, tomcat())).as("over the bound").isNull();
        assertThat(files.bytes()).isEqualTo(2000);
        assertThat(onDisk()).hasSize(2);
    }

    @Test
    void aReplacedOrEvictedFileIsDeletedAfterTheGraceAndAnOwnedOneIsKept() {
        Duration grace = Duration.ofSeconds(10);
        files(100, 1 << 20, grace);
        long beforeAnyWasRetired = System.nanoTime();
        Path first = send(body("a", 1000), Coding.IDENTITY, tomcat());
        Path gzip = send(body("g", 500), Coding.GZIP, tomcat());
        Path second = send(body("b", 1000), Coding.IDENTITY, tomcat()); // the list changed
        assertThat(second).isNotEqualTo(first);
        files.sweep(beforeAnyWasRetired);
        assertThat(first).as("within the grace: a request that chose it may not have opened it yet").exists();

        files.sweep(System.nanoTime() + grace.toNanos());
        assertThat(first).doesNotExist();
        assertThat(second).exists();
        assertThat(gzip).exists();

        files.evicted(Set.of(ListKey.EXT_PROJECTS));
        files.sweep(System.nanoTime() + grace.toNanos());
        assertThat(second).as("another list's eviction").exists();

        files.evicted(Set.of(ListKey.PLANS));
        files.sweep(System.nanoTime() + grace.toNanos());
        assertThat(onDisk()).isEmpty();
        assertThat(files.bytes()).isZero();
    }

    @Test
    void theDirectoryIsEmptiedAtStartAndDeletedAtClose() throws IOException {
        Path dir = Files.createDirectories(parent.resolve("bodies"));
        Files.write(dir.resolve("left-by-an-earlier-run.identity.1"), new byte[10]);
        files(100, 1 << 20, Duration.ofSeconds(10));
        assertThat(onDisk()).isEmpty();
        send(body("a", 1000), Coding.IDENTITY, tomcat());
        files.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void noDirectoryMeansEveryBodyIsWrittenFromMemory() {
        assertThat(BodyFiles.none().send(ListKey.PLANS, Language.DE, Coding.IDENTITY, "\"x\"", new byte[1 << 20], tomcat())).isFalse();
        assertThat(BodyFiles.directory(new BodyFilesProperties(false, null, null, null, null))).isNull();
    }
}

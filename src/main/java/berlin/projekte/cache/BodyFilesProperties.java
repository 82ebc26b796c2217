package berlin.projekte.cache;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code projekte.cache.body-files.*}: copies of the public lists' bytes in files, sent by the
 * kernel ({@code sendfile}) instead of copied through Tomcat's buffers ({@link BodyFiles}).
 *
 * @param enabled  off: every body is written from memory
 * @param dir      the directory (made, emptied at start, deleted at shutdown); empty: a new
 *                 {@code /dev/shm/projekte-<pid>-<n>} where {@code /dev/shm} is a tmpfs, else off
 * @param minBytes the smallest body sent from a file (bench/findings.md: smaller ones were slower)
 * @param maxBytes most bytes the files hold together; beyond it bodies are written from memory
 * @param grace    how long a file replaced or evicted stays before it is deleted: longer than the
 *                 gap between a request's decision and Tomcat opening the file ({@link BodyFiles})
 */
@ConfigurationProperties("projekte.cache.body-files")
public record BodyFilesProperties(
        @DefaultValue("true") boolean enabled,
        Path dir,
        @DefaultValue("128KB") DataSize minBytes,
        @DefaultValue("64MB") DataSize maxBytes,
        @DefaultValue("10s") Duration grace) {
}

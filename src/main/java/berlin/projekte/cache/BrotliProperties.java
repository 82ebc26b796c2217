package berlin.projekte.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code projekte.cache.brotli.*}: the {@code br} coding of the public lists ({@link BrotliBodies}).
 *
 * @param enabled  off: gzip and identity only
 * @param quality  brotli quality 0–11 (bench/findings.md: bytes against compression time)
 * @param maxBytes most br bytes held in the heap
 */
@ConfigurationProperties("projekte.cache.brotli")
public record BrotliProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("9") int quality,
        @DefaultValue("16MB") DataSize maxBytes) {
}

package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link BrotliBodies} with Brotli4j's native encoder (it must load here and on CI). */
class BrotliBodiesTest {

    private final byte[] body = "[{\"title\":\"Kiezprojekt\",\"district\":\"Neukölln\"}]".repeat(200).getBytes(StandardCharsets.UTF_8);
    private final String etag = ListCache.etag(body);
    private final BrotliBodies brotli = new BrotliBodies(true, 9, 1 << 20);

    @AfterEach
    void close() {
        brotli.close();
    }

    @Test
    void theNativeEncoderLoadsAndItsBytesDecodeToTheBody() throws IOException {
        assertThat(brotli.available()).isTrue();
        byte[] br = brotli.make(etag, body);
        assertThat(Decoder.decompress(br).getDecompressedData()).isEqualTo(body);
        assertThat(br.length).isLessThan(ListCache.gzip(body).length);
        assertThat(brotli.find(etag, body)).isSameAs(br);
    }

    @Test
    void theFirstRequestStartsTheCompressionAndIsAnsweredWithoutIt() throws InterruptedException {
        assertThat(brotli.find(etag, body)).isNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // a loaded machine: only the bound is long
        byte[] br = null;
        while (br == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
            br = brotli.find(etag, body);
        }
        assertThat(br).as("compressed in the background").isNotNull();
    }

    @Test
    void offMeansNeverBr() {
        try (BrotliBodies off = new BrotliBodies(false, 9, 1 << 20)) {
            assertThat(off.available()).isFalse();
            assertThat(off.find(etag, body)).isNull();
            assertThat(off.make(etag, body)).isNull();
        }
    }
}

package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

    @Test
    void gzipIsAcceptedWithAPositiveQuality() {
        assertThat(AcceptEncoding.acceptsGzip("gzip")).isTrue();
        assertThat(AcceptEncoding.acceptsGzip("br, GZIP;q=0.5")).isTrue();
        assertThat(AcceptEncoding.acceptsGzip("x-gzip")).isTrue();
        assertThat(AcceptEncoding.acceptsGzip("*")).isTrue();
        assertThat(AcceptEncoding.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(AcceptEncoding.acceptsGzip("*, gzip;q=0")).isFalse();
        assertThat(AcceptEncoding.acceptsGzip("br")).isFalse();
        assertThat(AcceptEncoding.acceptsGzip(null)).isFalse();
    }

    @Test
    void anythingMalformedIsSkippedOrRefusedNeverAnException() {
        for (String header : new String[] {"", ";", ",,,;;;", ";;", ",", ";q=1", "gzip;q=", "gzip;q=abc", "gzip;q=NaN",
                "gzip;q=Infinity", "gzip;q=-1", "gzip;q=2", "\u0000", "q=", ";gzip"}) {
            assertThat(AcceptEncoding.acceptsGzip(header)).as("'" + header + "'").isFalse();
        }
        assertThat(AcceptEncoding.acceptsGzip(",,, gzip ,;;")).isTrue();
        assertThat(AcceptEncoding.acceptsGzip("  ,  ; , gzip ;")).isTrue();
        assertThat(AcceptEncoding.acceptsGzip("gzip;;q=0.5")).isTrue();
    }
}

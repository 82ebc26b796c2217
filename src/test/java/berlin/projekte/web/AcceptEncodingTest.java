package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.web.AcceptEncoding.Coding;
import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

    private static Coding choose(String header) {
        return AcceptEncoding.choose(header, true, true);
    }

    @Test
    void gzipIsAcceptedWithAPositiveQuality() {
        assertThat(AcceptEncoding.choose("gzip", false, true)).isEqualTo(Coding.GZIP);
        assertThat(AcceptEncoding.choose("br, GZIP;q=0.5", false, true)).isEqualTo(Coding.GZIP);
        assertThat(AcceptEncoding.choose("x-gzip", false, true)).isEqualTo(Coding.GZIP);
        assertThat(AcceptEncoding.choose("*", false, true)).isEqualTo(Coding.GZIP);
        assertThat(AcceptEncoding.choose("gzip;q=0", false, true)).isEqualTo(Coding.IDENTITY);
        assertThat(AcceptEncoding.choose("*, gzip;q=0", false, true)).isEqualTo(Coding.IDENTITY);
        assertThat(AcceptEncoding.choose("br", false, true)).isEqualTo(Coding.IDENTITY);
        assertThat(AcceptEncoding.choose(null, false, true)).isEqualTo(Coding.IDENTITY);
    }

    @Test
    void theHighestQualityWinsAndEqualQualitiesGoToTheSmallerCoding() {
        assertThat(choose("gzip, deflate, br")).as("what browsers send").isEqualTo(Coding.BR);
        assertThat(choose("gzip, deflate, br, zstd")).isEqualTo(Coding.BR);
        assertThat(choose("br;q=0.5, gzip")).isEqualTo(Coding.GZIP);
        assertThat(choose("br;q=0.9, gzip;q=0.8")).isEqualTo(Coding.BR);
        assertThat(choose("br;q=0.001, gzip;q=0")).isEqualTo(Coding.BR);
        assertThat(choose("br;q=0, gzip;q=0.3")).isEqualTo(Coding.GZIP);
        assertThat(choose("BR")).isEqualTo(Coding.BR);
        assertThat(choose("*")).isEqualTo(Coding.BR);
        assertThat(choose("*;q=0.5, br;q=0.4")).as("* stands for gzip here").isEqualTo(Coding.GZIP);
        assertThat(choose("*, br;q=0")).isEqualTo(Coding.GZIP);
        assertThat(choose("identity")).isEqualTo(Coding.IDENTITY);
        assertThat(choose("identity, gzip;q=0.5")).as("identity named with q=1").isEqualTo(Coding.IDENTITY);
        assertThat(choose("gzip;q=0.5")).as("identity unnamed is preferred least").isEqualTo(Coding.GZIP);
        assertThat(AcceptEncoding.choose("*;q=0.5, gzip;q=0.2", false, true)).as("* covers identity").isEqualTo(Coding.IDENTITY);
        assertThat(choose("*;q=0.5, gzip;q=0.2")).as("... and br").isEqualTo(Coding.BR);
        assertThat(choose("identity;q=0, br;q=0, gzip;q=0")).as("all refused: identity anyway, never an error")
                .isEqualTo(Coding.IDENTITY);
        assertThat(choose("deflate, zstd")).isEqualTo(Coding.IDENTITY);
    }

    @Test
    void onlyCodingsWeHaveAreChosen() {
        assertThat(AcceptEncoding.choose("br", false, true)).as("no br made yet").isEqualTo(Coding.IDENTITY);
        assertThat(AcceptEncoding.choose("br, gzip;q=0.5", false, true)).isEqualTo(Coding.GZIP);
        assertThat(AcceptEncoding.choose("br;q=0.5, gzip", true, false)).as("no gzip stored (small per-user bodies)")
                .isEqualTo(Coding.BR);
        assertThat(AcceptEncoding.choose("gzip", true, false)).isEqualTo(Coding.IDENTITY);
    }

    @Test
    void anythingMalformedIsSkippedOrRefusedNeverAnException() {
        for (String header : new String[] {"", ";", ",,,;;;", ";;", ",", ";q=1", "gzip;q=", "gzip;q=abc", "gzip;q=NaN",
                "gzip;q=Infinity", "gzip;q=-1", "gzip;q=2", "\u0000", "q=", ";gzip", "br;q=", "br;q=1.5"}) {
            assertThat(choose(header)).as("'" + header + "'").isEqualTo(Coding.IDENTITY);
        }
        assertThat(choose(",,, gzip ,;;")).isEqualTo(Coding.GZIP);
        assertThat(choose("  ,  ; , gzip ;")).isEqualTo(Coding.GZIP);
        assertThat(choose("gzip;;q=0.5")).isEqualTo(Coding.GZIP);
        assertThat(choose("br ; q=0.7 ,gzip;q=0.6")).isEqualTo(Coding.BR);
    }
}

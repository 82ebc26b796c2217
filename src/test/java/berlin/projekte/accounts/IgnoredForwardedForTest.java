package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.TestInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Behind a reverse proxy without {@code server.forward-headers-strategy}, {@code X-Forwarded-For} is
 * ignored and every client has the proxy's address: a WARN says so, once. With the strategy
 * {@code native} and the proxy one of Tomcat's internal proxies (here: loopback), nothing is logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class IgnoredForwardedForTest {

    private static final String WARNING = "came with X-Forwarded-For, which this configuration ignores";

    @Test
    void anIgnoredForwardedForIsWarnedAboutOnce(CapturedOutput log) {
        try (ConfigurableApplicationContext instance = TestInstances.start()) {
            Http http = TestInstances.http(instance);
            for (int i = 1; i <= 3; i++) {
                assertThat(http.get("/api/csrf", "X-Forwarded-For", "198.51.100." + i).status()).isEqualTo(200);
            }
            assertThat(log.getAll().split(WARNING, -1)).as("one warning").hasSize(2);
            assertThat(log.getAll()).contains(" WARN ").contains("server.forward-headers-strategy=native");
        }
    }

    @Test
    void anHonouredForwardedForIsNot(CapturedOutput log) {
        try (ConfigurableApplicationContext instance = TestInstances.start("--server.forward-headers-strategy=native")) {
            Http http = TestInstances.http(instance);
            assertThat(http.get("/api/csrf", "X-Forwarded-For", "198.51.100.7").status()).isEqualTo(200);
            assertThat(http.get("/api/csrf", "X-Forwarded-For", "203.0.113.9, 198.51.100.7").status()).isEqualTo(200);
            assertThat(log.getAll()).doesNotContain(WARNING);
        }
    }
}

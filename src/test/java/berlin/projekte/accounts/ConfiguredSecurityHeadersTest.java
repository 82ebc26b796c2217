package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.WriteApiTest;
import berlin.projekte.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A deployment behind TLS turns HSTS on, and one with another map tile server widens the CSP (defaults: HostileInputTest). */
@TestPropertySource(properties = {
        "projekte.security.hsts=true",
        "projekte.security.hsts-max-age=30d",
        "projekte.security.content-security-policy=default-src 'self'; img-src 'self' https://tiles.example.org",
        "projekte.security.referrer-policy=no-referrer"})
class ConfiguredSecurityHeadersTest extends WriteApiTest {

    @Test
    void hstsAndThePoliciesComeFromTheConfiguration() {
        for (String path : new String[] {"/api/plans/", "/projekte/"}) {
            Http.Response response = http.get(path);
            // sent on plain HTTP too: behind a proxy that ends TLS, the request itself is not secure
            assertThat(response.header("Strict-Transport-Security")).as(path).isEqualTo("max-age=2592000");
            assertThat(response.header("Content-Security-Policy")).isEqualTo("default-src 'self'; img-src 'self' https://tiles.example.org");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }
}

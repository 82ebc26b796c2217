package berlin.projekte.accounts;

import berlin.projekte.web.BrowserHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configured security headers, for the hit filters that answer before Spring Security. */
@Configuration(proxyBeanMethods = false)
class BrowserHeadersConfig {

    @Bean
    BrowserHeaders browserHeaders(SecurityProperties security) {
        return new BrowserHeaders(security.browserHeaders());
    }
}

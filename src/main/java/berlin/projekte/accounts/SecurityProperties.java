package berlin.projekte.accounts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code projekte.security.*}: the response headers a browser gets, and how many failed sign-ins
 * a client address or a username may have before it must wait (README "Configuration").
 *
 * @param contentSecurityPolicy {@code Content-Security-Policy}; the overview page's map tiles must be allowed by {@code img-src}
 * @param referrerPolicy        {@code Referrer-Policy}
 * @param hsts                  send {@code Strict-Transport-Security} (only for deployments served over TLS)
 * @param hstsMaxAge            its {@code max-age}
 * @param failuresPerMinute     failed sign-ins per address and per username in a burst, regained one by one within a minute
 * @param failuresPerHour       failed sign-ins per address and per username per hour
 */
@ConfigurationProperties("projekte.security")
public record SecurityProperties(
        @DefaultValue("default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; "
                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'") String contentSecurityPolicy,
        @DefaultValue("strict-origin-when-cross-origin") String referrerPolicy,
        @DefaultValue("false") boolean hsts,
        @DefaultValue("365d") Duration hstsMaxAge,
        @DefaultValue("10") int failuresPerMinute,
        @DefaultValue("100") int failuresPerHour) {

    /** The headers above as they are sent; for responses written outside Spring Security (the lists' lean path). */
    public Map<String, String> browserHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", contentSecurityPolicy);
        headers.put("Referrer-Policy", referrerPolicy);
        if (hsts) {
            headers.put("Strict-Transport-Security", "max-age=" + hstsMaxAge.toSeconds());
        }
        return Map.copyOf(headers);
    }
}

package berlin.projekte.accounts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code projekte.security.*}: the response headers a browser gets, and how many failed sign-ins
 * an account (a username, known or not) and a client address may have before they must wait
 * (README "Configuration"). The address budget is the looser one, at least five times the
 * account's by default: one address may be a whole school, office or mobile carrier.
 *
 * @param contentSecurityPolicy {@code Content-Security-Policy}; the overview page's map tiles must be allowed by {@code img-src}
 * @param referrerPolicy        {@code Referrer-Policy}
 * @param hsts                  send {@code Strict-Transport-Security} (only for deployments served over TLS)
 * @param hstsMaxAge            its {@code max-age}
 * @param accountFailuresPerMinute failed sign-ins per username in a burst, regained one by one within a minute
 * @param accountFailuresPerHour   failed sign-ins per username per hour
 * @param addressFailuresPerMinute failed sign-ins per client address in a burst, regained one by one within a minute
 * @param addressFailuresPerHour   failed sign-ins per client address per hour
 */
@ConfigurationProperties("projekte.security")
public record SecurityProperties(
        @DefaultValue("default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; "
                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'") String contentSecurityPolicy,
        @DefaultValue("strict-origin-when-cross-origin") String referrerPolicy,
        @DefaultValue("false") boolean hsts,
        @DefaultValue("365d") Duration hstsMaxAge,
        @DefaultValue("10") int accountFailuresPerMinute,
        @DefaultValue("100") int accountFailuresPerHour,
        @DefaultValue("50") int addressFailuresPerMinute,
        @DefaultValue("500") int addressFailuresPerHour) {

    /** The headers above as they are sent; for responses written outside Spring Security (the lists' hit filters). */
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

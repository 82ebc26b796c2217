package berlin.projekte.web;

import java.util.Map;

/**
 * The security headers every response carries (Content-Security-Policy, Referrer-Policy, HSTS), as
 * they are sent: for responses written outside Spring Security (the lists' hit filters). Configured by
 * {@code projekte.security.*} (accounts).
 */
public record BrowserHeaders(Map<String, String> values) {
}

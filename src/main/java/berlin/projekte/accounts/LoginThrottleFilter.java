package berlin.projekte.accounts;

import berlin.projekte.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a sign-in (HTTP Basic credentials, or the login form's POST) is checked: 429 with
 * {@code Retry-After} while {@link LoginThrottle} says its address or username must wait. The
 * password is not looked at, so a throttled known user and a throttled unknown one are answered
 * alike and at once.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = waitBeforeTrying(throttle, request);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            ErrorResponses.write(response, 429, "Too many failed sign-ins; try again in " + seconds + " s.");
            return;
        }
        chain.doFilter(request, response);
    }

    /** How long this request must wait before its sign-in is checked; empty if it may try now or signs in not at all. */
    static Optional<Duration> waitBeforeTrying(LoginThrottle throttle, HttpServletRequest request) {
        return attemptedUsername(request).flatMap(username -> throttle.waitBeforeTrying(request.getRemoteAddr(), username));
    }

    /** The username a request signs in as, if it signs in at all. */
    private static Optional<String> attemptedUsername(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                return Optional.of(colon < 0 ? credentials : credentials.substring(0, colon));
            } catch (IllegalArgumentException notBase64) {
                return Optional.of(""); // refused by the Basic filter; still counts for the address
            }
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            try {
                String username = request.getParameter("username");
                return Optional.of(username == null ? "" : username);
            } catch (IllegalStateException undecodable) {
                return Optional.of("");
            }
        }
        return Optional.empty();
    }
}

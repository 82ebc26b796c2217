package berlin.projekte.accounts;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once when requests come with an {@code X-Forwarded-For} header that the configuration
 * ignores: behind a reverse proxy without {@code server.forward-headers-strategy=native} (or from a
 * proxy outside Tomcat's internal proxies) every client has the proxy's address, so the address
 * budget of {@link LoginThrottle} is one budget for everyone (README "Behind a reverse proxy").
 * Honoured, the header names the request's address; ignored, it does not.
 */
final class IgnoredForwardedFor {

    private static final Logger log = LoggerFactory.getLogger(IgnoredForwardedFor.class);
    private final AtomicBoolean warned = new AtomicBoolean();

    void check(HttpServletRequest request) {
        if (warned.get()) {
            return;
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor == null || names(forwardedFor, request.getRemoteAddr()) || !warned.compareAndSet(false, true)) {
            return;
        }
        log.warn("A request from {} came with X-Forwarded-For, which this configuration ignores: every client behind that proxy"
                + " counts as {} (one sign-in budget for all). Set server.forward-headers-strategy=native and, unless the proxy"
                + " is on a private network, server.tomcat.remoteip.internal-proxies (README \"Behind a reverse proxy\")."
                + " Logged once.", request.getRemoteAddr(), request.getRemoteAddr());
    }

    private static boolean names(String forwardedFor, String address) {
        for (String hop : forwardedFor.split(",")) {
            if (hop.trim().equals(address)) {
                return true;
            }
        }
        return false;
    }
}

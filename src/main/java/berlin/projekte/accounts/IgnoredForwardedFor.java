package berlin.projekte.accounts;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once when a request comes with an {@code X-Forwarded-For} header that the configuration
 * ignores: behind a reverse proxy without {@code server.forward-headers-strategy=native}, or from a
 * proxy outside Tomcat's internal proxies, every client has the proxy's address, so the address
 * budget of {@link LoginThrottle} is one budget for all of them (README "Behind a reverse proxy").
 * A Tomcat valve of the context, so after Tomcat's {@code RemoteIpValve}: the header was honoured
 * when the request's address is no longer the connection's. (Not installed for the strategy
 * {@code framework}, whose filter takes the header from anyone.)
 */
final class IgnoredForwardedFor extends ValveBase {

    private static final Logger log = LoggerFactory.getLogger(IgnoredForwardedFor.class);
    private final AtomicBoolean warned = new AtomicBoolean();

    IgnoredForwardedFor() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (!warned.get() && request.getHeader("X-Forwarded-For") != null && request.getRemoteAddr().equals(request.getPeerAddr())
                && warned.compareAndSet(false, true)) {
            log.warn("A request from {} came with X-Forwarded-For, which this configuration ignores: every client behind that"
                    + " proxy counts as {}, with one sign-in budget for all. Set server.forward-headers-strategy=native and, unless"
                    + " the proxy is on a private network, server.tomcat.remoteip.internal-proxies (README \"Behind a reverse proxy\")."
                    + " Logged once.", request.getPeerAddr(), request.getPeerAddr());
        }
        getNext().invoke(request, response);
    }
}

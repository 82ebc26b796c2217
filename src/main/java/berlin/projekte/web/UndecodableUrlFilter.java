package berlin.projekte.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string Tomcat cannot decode ({@code %zz}, bytes that are not UTF-8, an empty name) is a
 * 400 for every path and method alike, before anything else reads a parameter: otherwise it
 * depends on who reads one first (a filter: Tomcat's own 400; a controller: an exception; nobody:
 * ignored). So are path parameters ({@code /x;a=%zz}) that Spring's path parser cannot decode
 * (Tomcat passes them on undecoded; the parser threw, a 500). A client error: one DEBUG line.
 */
public class UndecodableUrlFilter extends OncePerRequestFilter {

    static final String MALFORMED = "Malformed query string.";
    static final String MALFORMED_PATH = "Malformed path parameter.";
    private static final Logger log = LoggerFactory.getLogger(UndecodableUrlFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!refused(request, response)) {
            chain.doFilter(request, response);
        }
    }

    /** Answers 400 and returns true if the query string or a path parameter cannot be decoded (also for the lists' hit filters). */
    public static boolean refused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        if (uri.indexOf(';') >= 0) {
            try {
                RequestPath.parse(uri, request.getContextPath());
            } catch (IllegalArgumentException undecodable) {
                log.debug("Undecodable path parameter: {}", undecodable.getMessage());
                response.setHeader("Connection", "close");
                ErrorResponses.write(response, HttpServletResponse.SC_BAD_REQUEST, MALFORMED_PATH);
                return true;
            }
        }
        if (request.getQueryString() == null) {
            return false;
        }
        try {
            request.getParameterMap();
            return false;
        } catch (IllegalStateException undecodable) { // Tomcat's InvalidParameterException
            log.debug("Undecodable query string: {}", undecodable.getMessage());
            response.setHeader("Connection", "close");
            ErrorResponses.write(response, HttpServletResponse.SC_BAD_REQUEST, MALFORMED);
            return true;
        }
    }
}

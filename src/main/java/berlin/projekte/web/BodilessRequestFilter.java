package berlin.projekte.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * GET and HEAD have no body here. A request that declares one anyway (e.g. {@code Content-Length: 5}
 * and nothing sent) must not make a handler wait for it until the read timeout: the handler sees
 * an empty body, the answer goes out whole at once, and the connection is closed after it.
 */
public class BodilessRequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean bodiless = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (bodiless && (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null)) {
            // Tomcat drains a declared body before it ends the response: send the whole answer
            // (with its length) first; the client, told to close, then ends the wait.
            ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
            response.setHeader("Connection", "close");
            chain.doFilter(new WithoutBody(request), buffered);
            buffered.copyBodyToResponse();
            response.flushBuffer();
            return;
        }
        chain.doFilter(request, response);
    }

    private static final class WithoutBody extends HttpServletRequestWrapper {

        WithoutBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return -1;
                }

                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not asynchronous");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new StringReader(""));
        }
    }
}

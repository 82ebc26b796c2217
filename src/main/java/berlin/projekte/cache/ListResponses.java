package berlin.projekte.cache;

import berlin.projekte.web.AcceptEncoding;
import berlin.projekte.web.AcceptEncoding.Coding;
import berlin.projekte.web.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP side of a cached list:
 * <ul>
 *   <li>a strong {@code ETag} (a hash of the JSON bytes); {@code If-None-Match} with it answers
 *       {@code 304} without a body;</li>
 *   <li>{@code Accept-Encoding} chooses by quality among br (public-list hits on the lean path, once
 *       {@link BrotliBodies} has made it), the stored gzip bytes and identity, with
 *       {@code Content-Encoding}; the ETag stays the one of the JSON (the representation's identity;
 *       every coding carries it, so a 304 does not depend on the coding);</li>
 *   <li>{@code Vary: Accept-Encoding, Accept-Language}; {@code X-Cache: HIT} or {@code MISS};
 *       {@code Content-Type: application/json};</li>
 *   <li>public lists: {@code Cache-Control: no-cache} — clients and proxies may keep the bytes but
 *       revalidate every time, which the ETag makes a cheap 304, so nobody sees a list older than
 *       the cache's;</li>
 *   <li>per-user bodies ({@code privateprojects}, filtered by the controller or its lean path): ETag
 *       of the filtered bytes, {@code Cache-Control: private, no-store}, gzip from 1 KiB on
 *       ({@link PerUser}).</li>
 * </ul>
 * As a {@link ResponseEntity} for the controllers, or written straight to the servlet response for
 * a {@link LeanListFilter}: both from one decision ({@code decide}). The lean path of the public
 * lists sends large bodies from {@link BodyFiles} (sendfile) where it can.
 */
public final class ListResponses {

    public static final String X_CACHE = "X-Cache";
    static final String VARY = "Accept-Encoding, Accept-Language";
    private static final int GZIP_PER_USER_FROM = 1024;

    private ListResponses() {
    }

    /** A shared (public) list for this request. */
    public static ResponseEntity<byte[]> shared(CachedList list, HttpServletRequest request) {
        return shared(list, request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.ACCEPT_ENCODING));
    }

    public static ResponseEntity<byte[]> shared(CachedList list, String ifNoneMatch, String acceptEncoding) {
        return respond(sharedReply(list, null, ifNoneMatch, acceptEncoding));
    }

    /** A body filtered for one user, with its ETag and, from 1 KiB on, its gzip: made once, answered often. */
    public record PerUser(byte[] body, String etag, byte[] gzip) {

        public static PerUser of(byte[] body) {
            return new PerUser(body, ListCache.etag(body), body.length >= GZIP_PER_USER_FROM ? ListCache.gzip(body) : null);
        }

        /** The bytes held (body and gzip). */
        public int weight() {
            return body.length + (gzip == null ? 0 : gzip.length);
        }
    }

    /** A body filtered for one user from a per-user entry; {@code hit} is whether the entry came from the cache. */
    public static ResponseEntity<byte[]> perUser(PerUser body, boolean hit, HttpServletRequest request) {
        return perUser(body, hit, request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.ACCEPT_ENCODING));
    }

    public static ResponseEntity<byte[]> perUser(PerUser body, boolean hit, String ifNoneMatch, String acceptEncoding) {
        return respond(perUserReply(body, hit, ifNoneMatch, acceptEncoding));
    }

    private static Reply perUserReply(PerUser body, boolean hit, String ifNoneMatch, String acceptEncoding) {
        return decide(body.body(), body.gzip(), null, body.etag(), hit, "private, no-store", ifNoneMatch, acceptEncoding);
    }

    private static Reply sharedReply(CachedList list, BrotliBodies brotli, String ifNoneMatch, String acceptEncoding) {
        return decide(list.body(), list.gzip(), brotli, list.etag(), list.hit(), "no-cache", ifNoneMatch, acceptEncoding);
    }

    private static ResponseEntity<byte[]> respond(Reply reply) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(reply.etag());
        headers.set(HttpHeaders.VARY, VARY);
        headers.setCacheControl(reply.cacheControl());
        headers.set(X_CACHE, reply.xCache());
        if (reply.bytes() == null) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (reply.coding() != Coding.IDENTITY) {
            headers.set(HttpHeaders.CONTENT_ENCODING, reply.coding().token());
        }
        return new ResponseEntity<>(reply.bytes(), headers, HttpStatus.OK);
    }

    /**
     * Writes a shared list straight to the servlet response (the lean path of
     * {@link PublicListFilter}): the same status, headers and bytes as {@link #shared}, plus the
     * security headers Spring Security adds elsewhere ({@code browserHeaders}, configured, and its
     * fixed ones), and br where {@code brotli} has it. {@code HEAD} gets the headers only. The body
     * comes from a file of {@code files} by sendfile where it has one for these bytes, else from memory.
     */
    static void write(ListKey key, Language language, CachedList list, BrotliBodies brotli, BodyFiles files,
                      Map<String, String> browserHeaders, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Reply reply = sharedReply(list, brotli, request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        if (writeHeaders(reply, browserHeaders, request, response)
                && !files.send(key, language, reply.coding(), reply.etag(), reply.bytes(), request)) {
            response.getOutputStream().write(reply.bytes());
        }
    }

    /** The same for a body filtered for one user from a cached entry: as {@link #perUser}, for the private list's lean path. */
    public static void writePerUser(PerUser body, Map<String, String> browserHeaders, HttpServletRequest request,
                                    HttpServletResponse response) throws IOException {
        write(perUserReply(body, true, request.getHeader(HttpHeaders.IF_NONE_MATCH), request.getHeader(HttpHeaders.ACCEPT_ENCODING)),
                browserHeaders, request, response);
    }

    private static void write(Reply reply, Map<String, String> browserHeaders, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (writeHeaders(reply, browserHeaders, request, response)) {
            response.getOutputStream().write(reply.bytes());
        }
    }

    /** Status and headers; true if a body is to follow (not a 304, not {@code HEAD}). */
    private static boolean writeHeaders(Reply reply, Map<String, String> browserHeaders, HttpServletRequest request,
                                        HttpServletResponse response) {
        browserHeaders.forEach(response::setHeader);
        response.setHeader(HttpHeaders.ETAG, reply.etag());
        response.setHeader(HttpHeaders.VARY, VARY);
        response.setHeader(HttpHeaders.CACHE_CONTROL, reply.cacheControl());
        response.setHeader(X_CACHE, reply.xCache());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("X-Frame-Options", "DENY");
        if (reply.bytes() == null) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return false;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (reply.coding() != Coding.IDENTITY) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, reply.coding().token());
        }
        response.setContentLength(reply.bytes().length);
        return !"HEAD".equals(request.getMethod());
    }

    /**
     * THE decision: 304 (bytes null) for a matching {@code If-None-Match}, else the coding the
     * client prefers among those we have: br only where {@code brotli} is given and has made it
     * (until then, the next preferred), gzip where stored, identity always.
     */
    private static Reply decide(byte[] body, byte[] gzip, BrotliBodies brotli, String etag, boolean hit, String cacheControl,
                                String ifNoneMatch, String acceptEncoding) {
        String xCache = hit ? "HIT" : "MISS";
        if (matches(ifNoneMatch, etag)) {
            return new Reply(null, Coding.IDENTITY, etag, cacheControl, xCache);
        }
        Coding coding = AcceptEncoding.choose(acceptEncoding, brotli != null && brotli.available(), gzip != null);
        if (coding == Coding.BR) {
            byte[] br = brotli.find(etag, body);
            if (br != null) {
                return new Reply(br, Coding.BR, etag, cacheControl, xCache);
            }
            coding = AcceptEncoding.choose(acceptEncoding, false, gzip != null);
        }
        return coding == Coding.GZIP ? new Reply(gzip, Coding.GZIP, etag, cacheControl, xCache)
                : new Reply(body, Coding.IDENTITY, etag, cacheControl, xCache);
    }

    private record Reply(byte[] bytes, Coding coding, String etag, String cacheControl, String xCache) {
    }

    /** {@code If-None-Match} uses the weak comparison (RFC 9110 §13.1.2): {@code W/"x"} matches {@code "x"}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

}

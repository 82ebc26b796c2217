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
 * The HTTP side of a cached list: strong ETag and 304, the stored gzip bytes, {@code Vary},
 * {@code X-Cache}, {@code Cache-Control} ({@code no-cache} for the public lists; {@code private,
 * no-store} for a body filtered per user, {@link PerUser}). As a {@link ResponseEntity} for the
 * controllers, or written straight to the servlet response for a {@link ListHitFilter}: both from
 * one decision ({@code decide}). The hit filter of the public lists sends large
 * bodies from {@link BodyFiles} (sendfile) and br from {@link BrotliBodies}. Every header and why:
 * docs/api.md, "HTTP caching".
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
     * Writes a shared list straight to the servlet response (the hit filter of
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

    /** The same for a body filtered for one user from a cached entry: as {@link #perUser}, for the private list's hit filter. */
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

    /**
     * Status and headers; true if a body is to follow (not a 304, not {@code HEAD}). The hit filters
     * run first, so the response has no headers yet: {@code addHeader}, without a search for each.
     * A 304 carries only what updates the client's stored copy (RFC 9110 §15.4.5): {@code ETag},
     * {@code Vary}, {@code Cache-Control}, and {@code X-Cache}; the stored 200 keeps its security
     * headers (RFC 9111 §4.3.4). 494 header bytes become 175: about a tenth more 304s per
     * second (bench/findings.md).
     */
    private static boolean writeHeaders(Reply reply, Map<String, String> browserHeaders, HttpServletRequest request,
                                        HttpServletResponse response) {
        response.addHeader(HttpHeaders.ETAG, reply.etag());
        response.addHeader(HttpHeaders.VARY, VARY);
        response.addHeader(HttpHeaders.CACHE_CONTROL, reply.cacheControl());
        response.addHeader(X_CACHE, reply.xCache());
        if (reply.bytes() == null) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return false;
        }
        browserHeaders.forEach(response::addHeader);
        response.addHeader("X-Content-Type-Options", "nosniff");
        response.addHeader("X-XSS-Protection", "0");
        response.addHeader("X-Frame-Options", "DENY");
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (reply.coding() != Coding.IDENTITY) {
            response.addHeader(HttpHeaders.CONTENT_ENCODING, reply.coding().token());
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

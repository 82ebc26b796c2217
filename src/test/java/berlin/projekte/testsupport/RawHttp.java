package berlin.projekte.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client cannot send: request lines and
 * headers the JDK client refuses, bodies that never come, and other client addresses
 * ({@code 127.0.0.x}: on Linux the whole of 127/8 is loopback), one connection per request.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The response to {@code request} (sent as ISO-8859-1), read until the server closes or {@code timeout} passes. */
    public static Response send(int port, String request, Duration timeout) {
        return send("127.0.0.1", port, request, timeout);
    }

    public static Response send(String fromAddress, int port, String request, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException refused) {
                // the server answered (and closed) before taking the whole request, e.g. an oversized body
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                    if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // what came so far is the answer; Response.elapsed shows the wait
            } catch (IOException reset) {
                // a server may reset after answering a refused request
            }
            return new Response(received.toByteArray(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of {@code path} with these extra header lines ({@code "Name: value"}), closing the connection after. */
    public static String get(String path, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Head and body both there: a Content-Length body complete, or a chunked body ended. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        int length = head.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int eol = head.indexOf("\r\n", length + 2);
            String value = head.substring(length + 17, eol < 0 ? head.length() : eol).trim();
            return body.getBytes(StandardCharsets.ISO_8859_1).length >= Integer.parseInt(value);
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return body.endsWith("0\r\n\r\n");
        }
        return head.startsWith("http/1.1 304") || head.startsWith("http/1.1 204");
    }

    public record Response(byte[] bytes, Duration elapsed) {

        /** Everything received, as UTF-8. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public int status() {
            String text = text();
            return text.length() < 12 ? -1 : Integer.parseInt(text.substring(9, 12));
        }

        public String header(String name) {
            for (String line : head().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String head() {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        /** The body as UTF-8, de-chunked if it was chunked. */
        public String body() {
            String latin1 = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte: indexes are byte offsets
            int end = latin1.indexOf("\r\n\r\n");
            String body = end < 0 ? "" : latin1.substring(end + 4);
            if ("chunked".equalsIgnoreCase(header("Transfer-Encoding"))) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (at < body.length()) {
                    int eol = body.indexOf("\r\n", at);
                    if (eol < 0) {
                        break;
                    }
                    int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, eol + 2, Math.min(body.length(), eol + 2 + size));
                    at = eol + 2 + size + 2;
                }
                body = joined.toString();
            }
            return new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}

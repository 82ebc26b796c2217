package berlin.projekte.web;

import java.util.Locale;

/**
 * Reading {@code Accept-Encoding} (RFC 9110 §12.5.3) as far as the lists need it: is gzip
 * acceptable? The header comes from anyone, so anything unreadable (empty elements, stray
 * {@code ;}, a bad {@code q}) is skipped or means "not acceptable", never an exception.
 */
public final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** True if {@code gzip} (or {@code *}, gzip not refused) is acceptable with a non-zero quality. */
    public static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        boolean gzip = false;
        boolean gzipRefused = false;
        boolean any = false;
        for (String element : header.toLowerCase(Locale.ROOT).split(",")) {
            String[] fields = element.split(";");
            if (fields.length == 0) {
                continue; // only separators
            }
            String coding = fields[0].trim();
            boolean refused = false;
            for (int i = 1; i < fields.length; i++) {
                String parameter = fields[i].trim();
                if (parameter.startsWith("q=")) {
                    refused = !positive(parameter.substring(2).trim());
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip |= !refused;
                gzipRefused |= refused;
            } else if (coding.equals("*")) {
                any |= !refused;
            }
        }
        return gzip || (any && !gzipRefused);
    }

    /** A quality value above zero; an unreadable one counts as zero. */
    private static boolean positive(String quality) {
        try {
            double q = Double.parseDouble(quality);
            return q > 0 && q <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

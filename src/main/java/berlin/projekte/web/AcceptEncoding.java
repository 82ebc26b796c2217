package berlin.projekte.web;

import java.util.Locale;

/**
 * Reading {@code Accept-Encoding} (RFC 9110 §12.5.3) as far as the lists need it: which of the
 * codings we have (br, gzip, identity) does the client prefer? The header comes from anyone, so
 * anything unreadable (empty elements, stray {@code ;}, a bad {@code q}) is skipped or means "not
 * acceptable", never an exception.
 */
public final class AcceptEncoding {

    /** The codings a list can be sent in, smallest first: on equal quality the smaller wins. */
    public enum Coding {
        BR("br"), GZIP("gzip"), IDENTITY("identity");

        private final String token;

        Coding(String token) {
            this.token = token;
        }

        /** The {@code Content-Encoding} value (none for identity). */
        public String token() {
            return token;
        }
    }

    private AcceptEncoding() {
    }

    /**
     * The coding to send: the highest quality among those offered ({@code br} and {@code gzip} as
     * the caller has them; identity always), ties to the smaller. Identity when the header is absent,
     * or when it refuses everything we have (RFC 9110 lets a server send identity then rather than
     * a 415).
     */
    public static Coding choose(String header, boolean brOffered, boolean gzipOffered) {
        if (header == null) {
            return Coding.IDENTITY;
        }
        Coding best = Coding.IDENTITY;
        int bestQuality = quality(header, Coding.IDENTITY);
        for (Coding coding : new Coding[] {Coding.GZIP, Coding.BR}) {
            if (coding == Coding.BR ? !brOffered : !gzipOffered) {
                continue;
            }
            int q = quality(header, coding);
            if (q > 0 && q >= bestQuality) {
                best = coding;
                bestQuality = q;
            }
        }
        return best;
    }

    /**
     * The quality of {@code coding} in thousandths: its own element's, else {@code *}'s, else 0.
     * Identity not named is acceptable (RFC 9110) but preferred least: 1. {@code x-gzip} counts as gzip.
     */
    static int quality(String header, Coding coding) {
        if (header == null) {
            return coding == Coding.IDENTITY ? 1 : 0;
        }
        int own = -1;
        int any = -1;
        for (String element : header.toLowerCase(Locale.ROOT).split(",")) {
            String[] fields = element.split(";");
            if (fields.length == 0) {
                continue; // only separators
            }
            String name = fields[0].trim();
            int q = 1000;
            for (int i = 1; i < fields.length; i++) {
                String parameter = fields[i].trim();
                if (parameter.startsWith("q=")) {
                    q = thousandths(parameter.substring(2).trim());
                }
            }
            if (name.equals(coding.token()) || (coding == Coding.GZIP && name.equals("x-gzip"))) {
                own = Math.max(own, q);
            } else if (name.equals("*")) {
                any = Math.max(any, q);
            }
        }
        if (own >= 0) {
            return own;
        }
        if (any >= 0) {
            return any;
        }
        return coding == Coding.IDENTITY ? 1 : 0;
    }

    /** A quality value (0 to 1, at most three decimals) in thousandths; an unreadable one counts as zero. */
    private static int thousandths(String quality) {
        try {
            double q = Double.parseDouble(quality);
            return q >= 0 && q <= 1 ? (int) Math.round(q * 1000) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

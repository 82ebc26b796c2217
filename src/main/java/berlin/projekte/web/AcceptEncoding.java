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

    private static final Coding[] CODINGS = Coding.values();

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
        int[] q = qualities(header);
        Coding best = Coding.IDENTITY;
        int bestQuality = q[Coding.IDENTITY.ordinal()];
        if (gzipOffered && q[Coding.GZIP.ordinal()] > 0 && q[Coding.GZIP.ordinal()] >= bestQuality) {
            best = Coding.GZIP;
            bestQuality = q[Coding.GZIP.ordinal()];
        }
        if (brOffered && q[Coding.BR.ordinal()] > 0 && q[Coding.BR.ordinal()] >= bestQuality) {
            best = Coding.BR;
        }
        return best;
    }

    /**
     * The quality of each coding in thousandths, by {@link Coding#ordinal()}, read in one pass: its
     * own element's, else {@code *}'s, else 0. Identity not named is acceptable (RFC 9110) but
     * preferred least: 1. {@code x-gzip} counts as gzip.
     */
    static int[] qualities(String header) {
        int[] own = {-1, -1, -1};
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
            if (name.equals("*")) {
                any = Math.max(any, q);
            } else {
                for (Coding coding : CODINGS) {
                    if (name.equals(coding.token()) || (coding == Coding.GZIP && name.equals("x-gzip"))) {
                        own[coding.ordinal()] = Math.max(own[coding.ordinal()], q);
                    }
                }
            }
        }
        for (Coding coding : CODINGS) {
            int i = coding.ordinal();
            own[i] = own[i] >= 0 ? own[i] : any >= 0 ? any : coding == Coding.IDENTITY ? 1 : 0;
        }
        return own;
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

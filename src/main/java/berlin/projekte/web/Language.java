package berlin.projekte.web;

import java.util.List;
import java.util.Locale;

/** The two languages the lists are rendered in. German unless the client prefers English. */
public enum Language {
    DE, EN;

    private static final List<Locale> SUPPORTED = List.of(Locale.GERMAN, Locale.ENGLISH);

    /** Picks the language from an {@code Accept-Language} header; anything unreadable means German. */
    public static Language fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return DE;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
            return best != null && best.getLanguage().equals("en") ? EN : DE;
        } catch (IllegalArgumentException malformed) {
            return DE;
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package berlin.projekte.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The languages served ({@code projekte.languages}, default {@code de,en}). With one language
 * alone every response is in it whatever the client asks, so only one cache entry per key exists:
 * {@code de} alone is what the original platform does and what its German front-end needs.
 */
@Component
public class Languages {

    private final Set<Language> served;

    public Languages(@Value("${projekte.languages:de,en}") List<String> codes) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("projekte.languages: give at least one of de, en");
        }
        EnumSet<Language> languages = EnumSet.noneOf(Language.class);
        for (String code : codes) {
            try {
                languages.add(Language.valueOf(code.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("projekte.languages: unknown language '" + code + "', known: de, en");
            }
        }
        this.served = languages;
    }

    /** The language of a response to this {@code Accept-Language} header. */
    public Language choose(String acceptLanguage) {
        if (served.size() == 1) {
            return served.iterator().next();
        }
        return Language.fromAcceptLanguage(acceptLanguage);
    }
}

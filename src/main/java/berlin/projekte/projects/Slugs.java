package berlin.projekte.projects;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Project slugs: generated from the name when none is given ({@code Neugestaltung Spielplatz}
 * → {@code neugestaltung-spielplatz}, then {@code -2}, {@code -3}... when taken).
 */
final class Slugs {

    static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final int MAX_BASE = 80;

    private final JdbcClient jdbc;
    /** Slugs taken within this unit of work (a batch creates several before any is visible). */
    private final Set<String> taken = new HashSet<>();

    Slugs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String slugify(String name) {
        String s = name.toLowerCase(Locale.GERMAN).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_BASE) {
            s = s.substring(0, MAX_BASE).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "projekt" : s;
    }

    /** A free slug for this name. */
    String generate(String name) {
        String base = slugify(name);
        Set<String> used = new HashSet<>(jdbc.sql("select slug from project where slug = :base or slug like :pattern")
                .param("base", base).param("pattern", base + "-%").query(String.class).list());
        used.addAll(taken);
        String slug = base;
        for (int n = 2; used.contains(slug); n++) {
            slug = base + "-" + n;
        }
        taken.add(slug);
        return slug;
    }

    /** Whether a given slug is already used by another project (or earlier in this batch). */
    boolean isTaken(String slug, Long exceptProject) {
        if (taken.contains(slug)) {
            return true;
        }
        return jdbc.sql("select count(*) from project where slug = :slug and id <> :except").param("slug", slug)
                .param("except", exceptProject == null ? -1L : exceptProject).query(Integer.class).single() > 0;
    }

    void reserve(String slug) {
        taken.add(slug);
    }
}

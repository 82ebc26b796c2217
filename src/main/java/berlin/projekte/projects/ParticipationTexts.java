package berlin.projekte.projects;

import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The words the lists use for participation, in German and English. */
public final class ParticipationTexts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private ParticipationTexts() {
    }

    public static String running(Language language) {
        return language == Language.EN ? "running" : "läuft";
    }

    public static String done(Language language) {
        return language == Language.EN ? "done" : "beendet";
    }

    public static String startsAt(Instant start, ZoneId zone, Language language) {
        String date = DATE.format(start.atZone(zone));
        return (language == Language.EN ? "starts at " : "startet am ") + date;
    }

    /** Time left in its largest whole unit: "3 Tage", "1 Stunde", "5 Minuten" / "3 days", ... */
    public static String timeLeft(Duration left, Language language) {
        long days = left.toDays();
        if (days >= 1) {
            return count(days, language, "Tag", "Tage", "day", "days");
        }
        long hours = left.toHours();
        if (hours >= 1) {
            return count(hours, language, "Stunde", "Stunden", "hour", "hours");
        }
        return count(left.toMinutes(), language, "Minute", "Minuten", "minute", "minutes");
    }

    private static String count(long n, Language language, String de, String dePlural, String en, String enPlural) {
        boolean one = n == 1;
        String unit = language == Language.EN ? (one ? en : enPlural) : (one ? de : dePlural);
        return n + " " + unit;
    }
}

package berlin.projekte.projects;

import berlin.projekte.web.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The words the lists use for participation, in English and in the original platform's German, and which status gets which. */
public final class ParticipationTexts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private ParticipationTexts() {
    }

    /**
     * A project's {@code participation_string}: running, starting at its first future phase start
     * (in {@code ?status=futureParticipation}, which names no date: in the future), or done.
     */
    static String of(ParticipationStatus status, Timeline timeline, Instant now, ZoneId zone, ParticipationStatus statusList,
                     Language language) {
        return switch (status) {
            case ACTIVE -> running(language);
            case FUTURE -> statusList == ParticipationStatus.FUTURE
                    ? startsInTheFuture(language)
                    : startsAt(timeline.firstFuturePhaseStart(now).orElseThrow(), zone, language);
            case PAST, NONE -> done(language);
        };
    }

    public static String running(Language language) {
        return language == Language.EN ? "running" : "laufend";
    }

    public static String done(Language language) {
        return language == Language.EN ? "done" : "abgeschlossen";
    }

    static String startsAt(Instant start, ZoneId zone, Language language) {
        String date = DATE.format(start.atZone(zone));
        return (language == Language.EN ? "starts at " : "startet am ") + date;
    }

    /** A future project in {@code ?status=futureParticipation}, which names no date. */
    static String startsInTheFuture(Language language) {
        return language == Language.EN ? "starts in the future" : "startet in der Zukunft";
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

package berlin.projekte.plans;

import java.time.Instant;
import java.time.ZoneId;

/** A plan's page: {@code /vorhaben/{year created}-{id as 5 digits}/}. */
public final class PlanUrls {

    private PlanUrls() {
    }

    public static String path(long id, Instant created, ZoneId zone) {
        return String.format("/vorhaben/%d-%05d/", created.atZone(zone).getYear(), id);
    }
}

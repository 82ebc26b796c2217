package berlin.projekte.cache;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The logical cache keys: one per list the overview page calls (one entry per key and language),
 * with the paths of the public lists and the values of {@code /api/projects/?status=}: each defined
 * here once (the controllers' mappings and the hit filters use these).
 */
public enum ListKey {
    PROJECTS("projects"),
    PROJECTS_ACTIVE("projects_" + Status.ACTIVE),
    PROJECTS_FUTURE("projects_" + Status.FUTURE),
    PROJECTS_PAST("projects_" + Status.PAST),
    PRIVATE_PROJECTS("privateprojects"),
    EXT_PROJECTS("extprojects"),
    PLANS("plans");

    /** The values of {@code ?status=} of {@code /api/projects/}. */
    public static final class Status {
        public static final String ACTIVE = "activeParticipation";
        public static final String FUTURE = "futureParticipation";
        public static final String PAST = "pastParticipation";
        public static final String ALLOWED = ACTIVE + ", " + FUTURE + ", " + PAST;

        private Status() {
        }
    }

    /** The list paths, each with and without its trailing slash. */
    public static final class Paths {
        public static final String PROJECTS = "/api/projects/";
        public static final String PROJECTS_ = "/api/projects";
        public static final String PRIVATE_PROJECTS = "/api/privateprojects/";
        public static final String PRIVATE_PROJECTS_ = "/api/privateprojects";
        public static final String EXT_PROJECTS = "/api/extprojects/";
        public static final String EXT_PROJECTS_ = "/api/extprojects";
        public static final String PLANS = "/api/plans/";
        public static final String PLANS_ = "/api/plans";

        private Paths() {
        }
    }

    /** {@code projects} and its three status lists. */
    public static final Set<ListKey> ALL_PROJECTS =
            Set.copyOf(EnumSet.of(PROJECTS, PROJECTS_ACTIVE, PROJECTS_FUTURE, PROJECTS_PAST));

    private final String logicalName;

    ListKey(String logicalName) {
        this.logicalName = logicalName;
    }

    /** The name used in physical keys, logs and metrics, as in the original platform. */
    public String logicalName() {
        return logicalName;
    }

    /** The private list is filtered per user: its entry is never sent as it is stored. */
    public boolean isPerUser() {
        return this == PRIVATE_PROJECTS;
    }

    /**
     * The key for {@code /api/projects/?status=...}: empty for a value that is not one of the three
     * statuses, so a bogus value can never become a key.
     */
    public static Optional<ListKey> forProjectStatus(String status) {
        if (status == null) {
            return Optional.of(PROJECTS);
        }
        return Arrays.stream(values())
                .filter(k -> k.logicalName.equals("projects_" + status) && k != PROJECTS)
                .findFirst();
    }
}

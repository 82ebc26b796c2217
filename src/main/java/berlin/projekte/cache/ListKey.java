package berlin.projekte.cache;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The logical cache keys: one per list the overview page calls (one entry per key and language). */
public enum ListKey {
    PROJECTS("projects"),
    PROJECTS_ACTIVE("projects_activeParticipation"),
    PROJECTS_FUTURE("projects_futureParticipation"),
    PROJECTS_PAST("projects_pastParticipation"),
    PRIVATE_PROJECTS("privateprojects"),
    EXT_PROJECTS("extprojects"),
    PLANS("plans");

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

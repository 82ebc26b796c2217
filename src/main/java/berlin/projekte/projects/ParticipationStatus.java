package berlin.projekte.projects;

/**
 * Where a project stands in its participation; the wire code is the {@code status} field. The
 * {@code ?status=} values that select the lists are {@link berlin.projekte.cache.ListKey.Status}.
 */
public enum ParticipationStatus {
    ACTIVE(0),
    FUTURE(1),
    PAST(2),
    /** No phase of a non-draft module has a date: listed only in the unfiltered list. */
    NONE(2);

    private final int code;

    ParticipationStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

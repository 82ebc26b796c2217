package berlin.projekte.projects;

/** Where a project stands in its participation; the wire code is the {@code status} field. */
public enum ParticipationStatus {
    ACTIVE(0, "activeParticipation"),
    FUTURE(1, "futureParticipation"),
    PAST(2, "pastParticipation"),
    /** No phase of a non-draft module has a date: listed only in the unfiltered list. */
    NONE(2, null);

    private final int code;
    private final String queryValue;

    ParticipationStatus(int code, String queryValue) {
        this.code = code;
        this.queryValue = queryValue;
    }

    public int code() {
        return code;
    }

    /** The value of {@code ?status=} that selects this status, or null for {@link #NONE}. */
    public String queryValue() {
        return queryValue;
    }
}

package berlin.projekte.projects;

/**
 * THE rules of which projects each list shows, as SQL conditions on the alias {@code p}. Every
 * query of a list (its projects, their phases, topics, plans, viewers) uses the same condition,
 * so each list is a fixed number of statements.
 */
public enum Listing {
    /** {@code /api/projects/}: public and semipublic participation projects and Bebauungspläne. */
    PUBLIC("p.kind in ('PROJECT', 'BPLAN') and p.access in ('PUBLIC', 'SEMIPUBLIC')"),
    /** {@code /api/privateprojects/}: private ones, filtered per user afterwards. */
    PRIVATE("p.kind in ('PROJECT', 'BPLAN') and p.access = 'PRIVATE'"),
    /** {@code /api/extprojects/}: public external projects. */
    EXTERNAL("p.kind = 'EXTERNAL' and p.access = 'PUBLIC'");

    private static final String PUBLISHED = "p.is_draft = false and p.is_archived = false";

    private final String condition;

    Listing(String condition) {
        this.condition = PUBLISHED + " and " + condition;
    }

    public String condition() {
        return condition;
    }
}

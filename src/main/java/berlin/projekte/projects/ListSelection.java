package berlin.projekte.projects;

/**
 * Which projects each list selects (SQL conditions on the alias {@code p}), and in which order: the
 * one place of those rules. Every query of a list (its projects, their phases, topics, plans, viewers) uses the same condition,
 * so each list is a fixed number of statements.
 */
public enum ListSelection {
    /** {@code /api/projects/}: public and semipublic participation projects and Bebauungspläne, oldest first. */
    PUBLIC("p.kind in ('PROJECT', 'BPLAN') and p.access in ('PUBLIC', 'SEMIPUBLIC')", "p.created, p.id"),
    /** {@code /api/privateprojects/}: private ones, filtered per user afterwards; newest first (the original's model order). */
    PRIVATE("p.kind in ('PROJECT', 'BPLAN') and p.access = 'PRIVATE'", "p.created desc, p.id desc"),
    /** {@code /api/extprojects/}: public external projects, newest first (the original's model order). */
    EXTERNAL("p.kind = 'EXTERNAL' and p.access = 'PUBLIC'", "p.created desc, p.id desc");

    private static final String PUBLISHED = "p.is_draft = false and p.is_archived = false";

    private final String condition;
    private final String order;

    ListSelection(String condition, String order) {
        this.condition = PUBLISHED + " and " + condition;
        this.order = order;
    }

    public String condition() {
        return condition;
    }

    /** The list's order, as an SQL {@code order by} list on the alias {@code p}. */
    public String order() {
        return order;
    }
}

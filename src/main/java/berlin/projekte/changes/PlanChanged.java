package berlin.projekte.changes;

/** A plan was saved or deleted, or its links to projects changed. */
public record PlanChanged() implements Change {
}

package berlin.projekte.changes;

/** Data every list shows changed: an organisation renamed or deleted, a district or topic changed. */
public record SharedDataChanged(String what) implements Change {
}

package berlin.projekte.changes;

import berlin.projekte.projects.Kind;

/**
 * A project of this kind was created, changed (fields, modules, phases, topics, point, images,
 * publish, archive) or deleted. A change of kind raises one event for the old and one for the new.
 */
public record ProjectChanged(Kind kind) implements Change {

    /** An external project: only the lists that show external projects change (the cache needs no more). */
    public boolean external() {
        return kind == Kind.EXTERNAL;
    }
}

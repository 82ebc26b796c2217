package berlin.projekte.projects;

import java.time.Instant;

/** A project as stored: its id, its fields (slug and modules always set), created and modified. */
public record StoredProject(long id, ProjectInput project, Instant created, Instant modified) {
}

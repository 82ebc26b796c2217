package berlin.projekte.projects;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A stored project as the write API answers: its id, its {@link ProjectJson} fields, created and modified (or null). */
@JsonPropertyOrder({"id"})
public record ProjectView(long id, @JsonUnwrapped ProjectJson project, OffsetDateTime created, OffsetDateTime modified) {

    static ProjectView of(StoredProject stored, ZoneId zone) {
        return new ProjectView(stored.id(), ProjectJson.of(stored.project(), zone), ProjectJson.offset(stored.created(), zone),
                ProjectJson.offset(stored.modified(), zone));
    }
}

package berlin.projekte.plans;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A stored plan as the write API answers: its id, its {@link PlanJson} fields, created and modified (or null). */
@JsonPropertyOrder({"id"})
public record PlanView(long id, @JsonUnwrapped PlanJson plan, OffsetDateTime created, OffsetDateTime modified) {

    static PlanView of(StoredPlan stored, ZoneId zone) {
        return new PlanView(stored.id(), PlanJson.of(stored.plan()), offset(stored.created(), zone), offset(stored.modified(), zone));
    }

    private static OffsetDateTime offset(java.time.Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone);
    }
}

package berlin.projekte.plans;

import java.time.Instant;

/** A plan as stored: its id, its fields, created and modified. */
public record StoredPlan(long id, PlanInput plan, Instant created, Instant modified) {
}

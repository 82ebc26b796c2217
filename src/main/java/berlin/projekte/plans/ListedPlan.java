package berlin.projekte.plans;

import berlin.projekte.places.Images;
import berlin.projekte.places.Point;
import java.time.Instant;
import java.util.List;

/** A plan as the list shows it. */
record ListedPlan(
        long id,
        String title,
        String organisation,
        String district,
        Point point,
        String pointLabel,
        String cost,
        Images images,
        Instant created,
        Instant modified,
        int participation,
        boolean running,
        int publishedProjects,
        List<String> topics) {

    Instant createdOrModified() {
        return modified != null ? modified : created;
    }
}

package berlin.projekte.projects;

import berlin.projekte.places.Images;
import berlin.projekte.places.Point;
import java.time.Instant;
import java.util.List;

/** A project as the lists show it, read in a fixed number of statements for a whole list. */
public record ListedProject(
        long id,
        String name,
        String slug,
        String description,
        Access access,
        Kind kind,
        String externalUrl,
        Instant created,
        Instant modified,
        String organisation,
        String district,
        Point point,
        Images images,
        List<String> topics,
        Timeline timeline,
        PlanLink firstPlan) {

    /** The first published plan a project is linked to. */
    public record PlanLink(String title, String url) {
    }

    public Instant createdOrModified() {
        return modified != null ? modified : created;
    }
}

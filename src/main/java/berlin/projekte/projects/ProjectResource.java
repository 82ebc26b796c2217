package berlin.projekte.projects;

import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.JsonBodies;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The write API's operations on projects, shared by {@code /api/admin/projects} (every kind,
 * {@code kind} null) and {@code /api/admin/extprojects} (kind EXTERNAL, fixed): request record to
 * {@link ProjectService} call to {@link ProjectView}. The controllers only map the paths.
 */
@Component
public class ProjectResource {

    private final ProjectService projects;
    private final WriteAccess access;
    private final JsonBodies bodies;
    private final Clock clock;

    ProjectResource(ProjectService projects, WriteAccess access, JsonBodies bodies, Clock clock) {
        this.projects = projects;
        this.access = access;
        this.bodies = bodies;
        this.clock = clock;
    }

    public List<ProjectView> list(Authentication auth, Kind kind) {
        return projects.list(access.actor(auth), kind).stream().map(this::view).toList();
    }

    public ProjectView get(long id, Authentication auth, Kind kind) {
        return view(projects.get(id, access.actor(auth), kind));
    }

    public ProjectView create(ProjectJson body, Authentication auth, Kind kind) {
        return view(projects.create(input(body, kind), access.actor(auth)));
    }

    /** A full replacement: the stored fields do not count (a slug left out is kept). */
    public ProjectView put(long id, ProjectJson body, Authentication auth, Kind kind) {
        return view(projects.update(id, stored -> input(body, kind), access.actor(auth), kind));
    }

    /** A JSON Merge Patch of the stored project, applied inside the writing transaction, then checked like a PUT. */
    public ProjectView patch(long id, JsonNode patch, Authentication auth, Kind kind) {
        return view(projects.update(id, stored -> input(bodies.patch(ProjectJson.of(stored, clock.getZone()), patch, ProjectJson.class), kind),
                access.actor(auth), kind));
    }

    public ResponseEntity<Void> delete(long id, Authentication auth, Kind kind) {
        projects.delete(id, access.actor(auth), kind);
        return ResponseEntity.noContent().build();
    }

    /** The fields as a project; under a fixed kind, that kind is the default and the only one allowed. */
    private static ProjectInput input(ProjectJson body, Kind fixed) {
        if (fixed != null && body.kind() != null && body.kind() != fixed) {
            throw JsonBodies.invalid(Map.of("kind", "must be " + fixed + " here"));
        }
        return body.toInput(fixed == null ? Kind.PROJECT : fixed);
    }

    private ProjectView view(StoredProject project) {
        return ProjectView.of(project, clock.getZone());
    }
}

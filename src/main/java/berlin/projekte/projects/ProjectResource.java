package berlin.projekte.projects;

import berlin.projekte.accounts.WriteAccess;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The write API's operations on projects, shared by {@code /api/admin/projects} (every kind,
 * {@code kind} null) and {@code /api/admin/extprojects} (kind EXTERNAL, fixed): request body to
 * {@link ProjectService} call to JSON. The controllers only map the paths.
 */
@Component
public class ProjectResource {

    private final ProjectService projects;
    private final WriteAccess access;
    private final Clock clock;

    ProjectResource(ProjectService projects, WriteAccess access, Clock clock) {
        this.projects = projects;
        this.access = access;
        this.clock = clock;
    }

    public List<Map<String, Object>> list(Authentication auth, Kind kind) {
        return projects.list(access.actor(auth), kind).stream().map(this::render).toList();
    }

    public Map<String, Object> get(long id, Authentication auth, Kind kind) {
        return render(projects.get(id, access.actor(auth), kind));
    }

    public ResponseEntity<Map<String, Object>> create(JsonNode body, Authentication auth, Kind kind) {
        ProjectInput input = ProjectJson.parse(body, null, kind);
        return ResponseEntity.status(HttpStatus.CREATED).body(render(projects.create(input, access.actor(auth))));
    }

    /** A full replacement: the stored fields do not count. */
    public Map<String, Object> put(long id, JsonNode body, Authentication auth, Kind kind) {
        return render(projects.update(id, stored -> ProjectJson.parse(body, null, kind), access.actor(auth), kind));
    }

    /** Only the fields sent change, merged into the stored ones inside the writing transaction. */
    public Map<String, Object> patch(long id, JsonNode body, Authentication auth, Kind kind) {
        return render(projects.update(id, stored -> ProjectJson.parse(body, stored.withModules(null), kind), access.actor(auth), kind));
    }

    public ResponseEntity<Void> delete(long id, Authentication auth, Kind kind) {
        projects.delete(id, access.actor(auth), kind);
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> render(StoredProject project) {
        return ProjectJson.render(project, clock.getZone());
    }
}

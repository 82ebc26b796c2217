package berlin.projekte.projects;

import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/projects} (every kind) and {@code /api/admin/extprojects} (the projects of
 * kind EXTERNAL; the kind is fixed). Thin: parsing here, rules and transactions in {@link ProjectService}.
 */
@RestController
class ProjectAdminController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final ProjectService projects;
    private final WriteAccess actors;
    private final Clock clock;

    ProjectAdminController(ProjectService projects, WriteAccess actors, Clock clock) {
        this.projects = projects;
        this.actors = actors;
        this.clock = clock;
    }

    // ------------------------------------------------------------- /api/admin/projects

    @GetMapping({"/api/admin/projects", "/api/admin/projects/"})
    List<Map<String, Object>> list(Authentication auth) {
        return list(auth, null);
    }

    @PostMapping(value = {"/api/admin/projects", "/api/admin/projects/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, Authentication auth) {
        return create(body, auth, null);
    }

    @GetMapping("/api/admin/projects/{id}")
    Map<String, Object> get(@PathVariable long id, Authentication auth) {
        return render(projects.get(id, actors.actor(auth), null));
    }

    @PutMapping(value = "/api/admin/projects/{id}", consumes = JSON)
    Map<String, Object> put(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return put(id, body, auth, null);
    }

    @PatchMapping(value = "/api/admin/projects/{id}", consumes = {JSON, "application/merge-patch+json"})
    Map<String, Object> patch(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return patch(id, body, auth, null);
    }

    @DeleteMapping("/api/admin/projects/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        projects.delete(id, actors.actor(auth), null);
        return ResponseEntity.noContent().build();
    }

    // ------------------------------------------------------------- /api/admin/extprojects

    @GetMapping({"/api/admin/extprojects", "/api/admin/extprojects/"})
    List<Map<String, Object>> listExternal(Authentication auth) {
        return list(auth, Kind.EXTERNAL);
    }

    @PostMapping(value = {"/api/admin/extprojects", "/api/admin/extprojects/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> createExternal(@RequestBody JsonNode body, Authentication auth) {
        return create(body, auth, Kind.EXTERNAL);
    }

    @GetMapping("/api/admin/extprojects/{id}")
    Map<String, Object> getExternal(@PathVariable long id, Authentication auth) {
        return render(projects.get(id, actors.actor(auth), Kind.EXTERNAL));
    }

    @PutMapping(value = "/api/admin/extprojects/{id}", consumes = JSON)
    Map<String, Object> putExternal(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return put(id, body, auth, Kind.EXTERNAL);
    }

    @PatchMapping(value = "/api/admin/extprojects/{id}", consumes = {JSON, "application/merge-patch+json"})
    Map<String, Object> patchExternal(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return patch(id, body, auth, Kind.EXTERNAL);
    }

    @DeleteMapping("/api/admin/extprojects/{id}")
    ResponseEntity<Void> deleteExternal(@PathVariable long id, Authentication auth) {
        projects.delete(id, actors.actor(auth), Kind.EXTERNAL);
        return ResponseEntity.noContent().build();
    }

    // ------------------------------------------------------------- shared

    private List<Map<String, Object>> list(Authentication auth, Kind kind) {
        return projects.list(actors.actor(auth), kind).stream().map(this::render).toList();
    }

    private ResponseEntity<Map<String, Object>> create(JsonNode body, Authentication auth, Kind kind) {
        Actor actor = actors.actor(auth);
        ProjectInput input = ProjectJson.parse(body, null, kind);
        return ResponseEntity.status(HttpStatus.CREATED).body(render(projects.create(input, actor)));
    }

    private Map<String, Object> put(long id, JsonNode body, Authentication auth, Kind kind) {
        return render(projects.update(id, stored -> ProjectJson.parse(body, null, kind), actors.actor(auth), kind));
    }

    private Map<String, Object> patch(long id, JsonNode body, Authentication auth, Kind kind) {
        return render(projects.update(id, stored -> ProjectJson.parse(body, stored.withModules(null), kind), actors.actor(auth), kind));
    }

    private Map<String, Object> render(StoredProject project) {
        return ProjectJson.render(project, clock.getZone());
    }
}

package berlin.projekte.projects;

import java.util.List;
import berlin.projekte.web.MergePatch;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/admin/projects}: projects of every kind. */
@RestController
@RequestMapping("/api/admin/projects")
class ProjectAdminController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final ProjectResource projects;

    ProjectAdminController(ProjectResource projects) {
        this.projects = projects;
    }

    @GetMapping({"", "/"})
    List<ProjectView> list(Authentication auth) {
        return projects.list(auth, null);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = {"", "/"}, consumes = JSON)
    ProjectView create(@RequestBody ProjectJson body, Authentication auth) {
        return projects.create(body, auth, null);
    }

    @GetMapping("/{id}")
    ProjectView get(@PathVariable long id, Authentication auth) {
        return projects.get(id, auth, null);
    }

    @PutMapping(value = "/{id}", consumes = JSON)
    ProjectView put(@PathVariable long id, @RequestBody ProjectJson body, Authentication auth) {
        return projects.put(id, body, auth, null);
    }

    @PatchMapping(value = "/{id}", consumes = {JSON, MergePatch.MEDIA_TYPE})
    ProjectView patch(@PathVariable long id, @RequestBody @MergePatch JsonNode body, Authentication auth) {
        return projects.patch(id, body, auth, null);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        return projects.delete(id, auth, null);
    }
}

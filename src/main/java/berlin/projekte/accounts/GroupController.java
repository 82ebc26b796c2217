package berlin.projekte.accounts;

import berlin.projekte.web.JsonBodies;
import java.util.List;
import berlin.projekte.web.MergePatchOf;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/admin/groups} (superusers only). */
@RestController
class GroupController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String MERGE = "application/merge-patch+json";

    private final GroupService groups;
    private final WriteAccess actors;
    private final JsonBodies bodies;

    GroupController(GroupService groups, WriteAccess actors, JsonBodies bodies) {
        this.groups = groups;
        this.actors = actors;
        this.bodies = bodies;
    }

    @GetMapping({"/api/admin/groups", "/api/admin/groups/"})
    List<GroupService.StoredGroup> groups(Authentication auth) {
        return groups.groups(actors.actor(auth));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = {"/api/admin/groups", "/api/admin/groups/"}, consumes = JSON)
    GroupService.StoredGroup createGroup(@RequestBody GroupInput body, Authentication auth) {
        return groups.createGroup(body, actors.actor(auth));
    }

    @GetMapping("/api/admin/groups/{id}")
    GroupService.StoredGroup group(@PathVariable long id, Authentication auth) {
        return groups.group(id, actors.actor(auth));
    }

    @PutMapping(value = "/api/admin/groups/{id}", consumes = JSON)
    GroupService.StoredGroup putGroup(@PathVariable long id, @RequestBody GroupInput body, Authentication auth) {
        return groups.updateGroup(id, stored -> body, actors.actor(auth));
    }

    @PatchMapping(value = "/api/admin/groups/{id}", consumes = {JSON, MERGE})
    GroupService.StoredGroup patchGroup(@PathVariable long id, @RequestBody @MergePatchOf(GroupInput.class) JsonNode patch, Authentication auth) {
        return groups.updateGroup(id, stored -> bodies.patch(stored, patch, GroupInput.class), actors.actor(auth));
    }

    @DeleteMapping("/api/admin/groups/{id}")
    ResponseEntity<Void> deleteGroup(@PathVariable long id, Authentication auth) {
        groups.deleteGroup(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }
}

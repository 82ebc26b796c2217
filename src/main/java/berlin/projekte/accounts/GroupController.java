package berlin.projekte.accounts;

import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.JsonInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** {@code /api/admin/groups} (superusers only). */
@RestController
class GroupController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String MERGE = "application/merge-patch+json";

    private final GroupService groups;
    private final WriteAccess actors;

    GroupController(GroupService groups, WriteAccess actors) {
        this.groups = groups;
        this.actors = actors;
    }

    @GetMapping({"/api/admin/groups", "/api/admin/groups/"})
    List<Map<String, Object>> groups(Authentication auth) {
        return groups.groups(actors.actor(auth)).stream().map(GroupController::render).toList();
    }

    @PostMapping(value = {"/api/admin/groups", "/api/admin/groups/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> createGroup(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.actor(auth);
        return ResponseEntity.status(HttpStatus.CREATED).body(render(groups.createGroup(group(body, null), actor)));
    }

    @GetMapping("/api/admin/groups/{id}")
    Map<String, Object> group(@PathVariable long id, Authentication auth) {
        return render(groups.group(id, actors.actor(auth)));
    }

    @PutMapping(value = "/api/admin/groups/{id}", consumes = JSON)
    Map<String, Object> putGroup(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(groups.updateGroup(id, stored -> group(body, null), actors.actor(auth)));
    }

    @PatchMapping(value = "/api/admin/groups/{id}", consumes = {JSON, MERGE})
    Map<String, Object> patchGroup(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(groups.updateGroup(id, stored -> group(body, stored), actors.actor(auth)));
    }

    @DeleteMapping("/api/admin/groups/{id}")
    ResponseEntity<Void> deleteGroup(@PathVariable long id, Authentication auth) {
        groups.deleteGroup(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }

    private static GroupInput group(JsonNode body, GroupInput base) {
        FieldErrors errors = new FieldErrors();
        JsonInput in = JsonInput.body(body, errors, Set.of("name", "members"));
        if (base == null) {
            in.require("name");
            base = new GroupInput(null, List.of());
        }
        GroupInput input = new GroupInput(in.string("name", base.name()), in.ids("members", base.members()));
        errors.throwIfAny();
        return input;
    }

    private static Map<String, Object> render(GroupService.StoredGroup g) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", g.id());
        json.put("name", g.group().name());
        json.put("members", g.group().members());
        return json;
    }
}

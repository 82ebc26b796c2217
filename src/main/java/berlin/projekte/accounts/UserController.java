package berlin.projekte.accounts;

import berlin.projekte.web.Json;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.JsonInput;
import java.time.Clock;
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

/** {@code /api/admin/users} (superusers only). */
@RestController
class UserController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String MERGE = "application/merge-patch+json";

    private final UserService users;
    private final WriteAccess actors;
    private final Clock clock;

    UserController(UserService users, WriteAccess actors, Clock clock) {
        this.users = users;
        this.actors = actors;
        this.clock = clock;
    }

    @GetMapping({"/api/admin/users", "/api/admin/users/"})
    List<Map<String, Object>> users(Authentication auth) {
        return users.users(actors.actor(auth)).stream().map(this::render).toList();
    }

    @PostMapping(value = {"/api/admin/users", "/api/admin/users/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> createUser(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.actor(auth);
        return ResponseEntity.status(HttpStatus.CREATED).body(render(users.createUser(user(body, null), actor)));
    }

    @GetMapping("/api/admin/users/{id}")
    Map<String, Object> user(@PathVariable long id, Authentication auth) {
        return render(users.user(id, actors.actor(auth)));
    }

    @PutMapping(value = "/api/admin/users/{id}", consumes = JSON)
    Map<String, Object> putUser(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(users.updateUser(id, stored -> user(body, null), actors.actor(auth)));
    }

    @PatchMapping(value = "/api/admin/users/{id}", consumes = {JSON, MERGE})
    Map<String, Object> patchUser(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(users.updateUser(id, stored -> user(body, stored), actors.actor(auth)));
    }

    @DeleteMapping("/api/admin/users/{id}")
    ResponseEntity<Void> deleteUser(@PathVariable long id, Authentication auth) {
        users.deleteUser(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }

    /** A user from a body; the password may be left out on PUT and PATCH (kept). */
    private static UserInput user(JsonNode body, UserInput base) {
        FieldErrors errors = new FieldErrors();
        JsonInput in = JsonInput.body(body, errors, Set.of("username", "password", "is_superuser"));
        if (base == null) {
            in.require("username");
            base = new UserInput(null, null, false);
        }
        Boolean superuser = in.bool("is_superuser", base.superuser());
        UserInput input = new UserInput(in.string("username", base.username()), in.string("password", null),
                superuser != null && superuser);
        errors.throwIfAny();
        return input;
    }

    private Map<String, Object> render(UserService.StoredUser u) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", u.id());
        json.put("username", u.username());
        json.put("is_superuser", u.superuser());
        json.put("created", Json.isoInstantOrNull(u.created(), clock.getZone()));
        return json;
    }
}

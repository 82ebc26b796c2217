package berlin.projekte.accounts;

import berlin.projekte.web.JsonBodies;
import java.time.Clock;
import java.time.OffsetDateTime;
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

/** {@code /api/admin/users} (superusers only). */
@RestController
@RequestMapping("/api/admin/users")
class UserController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    /** A user as the write API answers (never its password). */
    record UserView(long id, String username, boolean is_superuser, OffsetDateTime created) {
    }

    private final UserService users;
    private final WriteAccess actors;
    private final JsonBodies bodies;
    private final Clock clock;

    UserController(UserService users, WriteAccess actors, JsonBodies bodies, Clock clock) {
        this.users = users;
        this.actors = actors;
        this.bodies = bodies;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    List<UserView> users(Authentication auth) {
        return users.users(actors.actor(auth)).stream().map(this::render).toList();
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = {"", "/"}, consumes = JSON)
    UserView createUser(@RequestBody UserInput body, Authentication auth) {
        return render(users.createUser(body, actors.actor(auth)));
    }

    @GetMapping("/{id}")
    UserView user(@PathVariable long id, Authentication auth) {
        return render(users.user(id, actors.actor(auth)));
    }

    /** The password may be left out on PUT and PATCH (kept). */
    @PutMapping(value = "/{id}", consumes = JSON)
    UserView putUser(@PathVariable long id, @RequestBody UserInput body, Authentication auth) {
        return render(users.updateUser(id, stored -> body, actors.actor(auth)));
    }

    @PatchMapping(value = "/{id}", consumes = {JSON, MergePatch.MEDIA_TYPE})
    UserView patchUser(@PathVariable long id, @RequestBody @MergePatch JsonNode patch, Authentication auth) {
        return render(users.updateUser(id, stored -> bodies.patch(stored, patch, UserInput.class), actors.actor(auth)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> deleteUser(@PathVariable long id, Authentication auth) {
        users.deleteUser(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }

    private UserView render(UserService.StoredUser u) {
        return new UserView(u.id(), u.username(), u.superuser(), OffsetDateTime.ofInstant(u.created(), clock.getZone()));
    }
}

package berlin.projekte.accounts;

import berlin.projekte.web.JsonBodies;
import berlin.projekte.web.MergePatch;
import java.util.List;
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
import tools.jackson.databind.JsonNode;

/** The write API of a {@link UserSetService} (superusers only); the subclass maps the path. */
abstract class UserSetController<I extends UserSetService.UserSet> {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final UserSetService<I> service;
    private final Class<I> type;
    private final WriteAccess actors;
    private final JsonBodies bodies;

    UserSetController(UserSetService<I> service, Class<I> type, WriteAccess actors, JsonBodies bodies) {
        this.service = service;
        this.type = type;
        this.actors = actors;
        this.bodies = bodies;
    }

    @GetMapping({"", "/"})
    List<UserSetService.Stored<I>> list(Authentication auth) {
        return service.list(actors.actor(auth));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = {"", "/"}, consumes = JSON)
    UserSetService.Stored<I> create(@RequestBody I body, Authentication auth) {
        return service.create(body, actors.actor(auth));
    }

    @GetMapping("/{id}")
    UserSetService.Stored<I> get(@PathVariable long id, Authentication auth) {
        return service.get(id, actors.actor(auth));
    }

    @PutMapping(value = "/{id}", consumes = JSON)
    UserSetService.Stored<I> put(@PathVariable long id, @RequestBody I body, Authentication auth) {
        return service.update(id, stored -> body, actors.actor(auth));
    }

    @PatchMapping(value = "/{id}", consumes = {JSON, MergePatch.MEDIA_TYPE})
    UserSetService.Stored<I> patch(@PathVariable long id, @RequestBody @MergePatch JsonNode patch, Authentication auth) {
        return service.update(id, stored -> bodies.patch(stored, patch, type), actors.actor(auth));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        service.delete(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }
}

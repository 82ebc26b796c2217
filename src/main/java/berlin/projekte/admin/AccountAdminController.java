package berlin.projekte.admin;

import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.admin.AccountWriter.StoredGroup;
import berlin.projekte.admin.AccountWriter.StoredOrganisation;
import berlin.projekte.admin.AccountWriter.StoredUser;
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

/** {@code /api/admin/organisations}, {@code /api/admin/users}, {@code /api/admin/groups} (superusers only). */
@RestController
class AccountAdminController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String MERGE = "application/merge-patch+json";

    private final AccountWriter accounts;
    private final WriteAccess actors;
    private final Clock clock;

    AccountAdminController(AccountWriter accounts, WriteAccess actors, Clock clock) {
        this.accounts = accounts;
        this.actors = actors;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ organisations

    @GetMapping({"/api/admin/organisations", "/api/admin/organisations/"})
    List<Map<String, Object>> organisations(Authentication auth) {
        return accounts.organisations(actors.actor(auth)).stream().map(AccountAdminController::render).toList();
    }

    @PostMapping(value = {"/api/admin/organisations", "/api/admin/organisations/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> createOrganisation(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.actor(auth);
        return created(render(accounts.createOrganisation(organisation(body, null), actor)));
    }

    @GetMapping("/api/admin/organisations/{id}")
    Map<String, Object> organisation(@PathVariable long id, Authentication auth) {
        return render(accounts.organisation(id, actors.actor(auth)));
    }

    @PutMapping(value = "/api/admin/organisations/{id}", consumes = JSON)
    Map<String, Object> putOrganisation(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(accounts.updateOrganisation(id, stored -> organisation(body, null), actors.actor(auth)));
    }

    @PatchMapping(value = "/api/admin/organisations/{id}", consumes = {JSON, MERGE})
    Map<String, Object> patchOrganisation(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(accounts.updateOrganisation(id, stored -> organisation(body, stored), actors.actor(auth)));
    }

    @DeleteMapping("/api/admin/organisations/{id}")
    ResponseEntity<Void> deleteOrganisation(@PathVariable long id, Authentication auth) {
        accounts.deleteOrganisation(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }

    private static OrganisationInput organisation(JsonNode body, OrganisationInput base) {
        FieldErrors errors = new FieldErrors();
        JsonInput in = JsonInput.body(body, errors, Set.of("name", "initiators"));
        if (base == null) {
            in.require("name");
            base = new OrganisationInput(null, List.of());
        }
        OrganisationInput input = new OrganisationInput(in.string("name", base.name()), in.ids("initiators", base.initiators()));
        errors.throwIfAny();
        return input;
    }

    private static Map<String, Object> render(StoredOrganisation o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", o.id());
        json.put("name", o.organisation().name());
        json.put("initiators", o.organisation().initiators());
        return json;
    }

    // ------------------------------------------------------------------ users

    @GetMapping({"/api/admin/users", "/api/admin/users/"})
    List<Map<String, Object>> users(Authentication auth) {
        return accounts.users(actors.actor(auth)).stream().map(this::render).toList();
    }

    @PostMapping(value = {"/api/admin/users", "/api/admin/users/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> createUser(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.actor(auth);
        return created(render(accounts.createUser(user(body, null), actor)));
    }

    @GetMapping("/api/admin/users/{id}")
    Map<String, Object> user(@PathVariable long id, Authentication auth) {
        return render(accounts.user(id, actors.actor(auth)));
    }

    @PutMapping(value = "/api/admin/users/{id}", consumes = JSON)
    Map<String, Object> putUser(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(accounts.updateUser(id, stored -> user(body, null), actors.actor(auth)));
    }

    @PatchMapping(value = "/api/admin/users/{id}", consumes = {JSON, MERGE})
    Map<String, Object> patchUser(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(accounts.updateUser(id, stored -> user(body, stored), actors.actor(auth)));
    }

    @DeleteMapping("/api/admin/users/{id}")
    ResponseEntity<Void> deleteUser(@PathVariable long id, Authentication auth) {
        accounts.deleteUser(id, actors.actor(auth));
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

    private Map<String, Object> render(StoredUser u) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", u.id());
        json.put("username", u.username());
        json.put("is_superuser", u.superuser());
        json.put("created", ProjectJson.instant(u.created(), clock.getZone()));
        return json;
    }

    // ------------------------------------------------------------------ groups

    @GetMapping({"/api/admin/groups", "/api/admin/groups/"})
    List<Map<String, Object>> groups(Authentication auth) {
        return accounts.groups(actors.actor(auth)).stream().map(AccountAdminController::render).toList();
    }

    @PostMapping(value = {"/api/admin/groups", "/api/admin/groups/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> createGroup(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.actor(auth);
        return created(render(accounts.createGroup(group(body, null), actor)));
    }

    @GetMapping("/api/admin/groups/{id}")
    Map<String, Object> group(@PathVariable long id, Authentication auth) {
        return render(accounts.group(id, actors.actor(auth)));
    }

    @PutMapping(value = "/api/admin/groups/{id}", consumes = JSON)
    Map<String, Object> putGroup(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(accounts.updateGroup(id, stored -> group(body, null), actors.actor(auth)));
    }

    @PatchMapping(value = "/api/admin/groups/{id}", consumes = {JSON, MERGE})
    Map<String, Object> patchGroup(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(accounts.updateGroup(id, stored -> group(body, stored), actors.actor(auth)));
    }

    @DeleteMapping("/api/admin/groups/{id}")
    ResponseEntity<Void> deleteGroup(@PathVariable long id, Authentication auth) {
        accounts.deleteGroup(id, actors.actor(auth));
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

    private static Map<String, Object> render(StoredGroup g) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", g.id());
        json.put("name", g.group().name());
        json.put("members", g.group().members());
        return json;
    }

    private static ResponseEntity<Map<String, Object>> created(Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}

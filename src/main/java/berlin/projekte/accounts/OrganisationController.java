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

/** {@code /api/admin/organisations} (superusers only). */
@RestController
class OrganisationController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String MERGE = "application/merge-patch+json";

    private final OrganisationService organisations;
    private final WriteAccess actors;

    OrganisationController(OrganisationService organisations, WriteAccess actors) {
        this.organisations = organisations;
        this.actors = actors;
    }

    @GetMapping({"/api/admin/organisations", "/api/admin/organisations/"})
    List<Map<String, Object>> organisations(Authentication auth) {
        return organisations.organisations(actors.actor(auth)).stream().map(OrganisationController::render).toList();
    }

    @PostMapping(value = {"/api/admin/organisations", "/api/admin/organisations/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> createOrganisation(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.actor(auth);
        return ResponseEntity.status(HttpStatus.CREATED).body(render(organisations.createOrganisation(organisation(body, null), actor)));
    }

    @GetMapping("/api/admin/organisations/{id}")
    Map<String, Object> organisation(@PathVariable long id, Authentication auth) {
        return render(organisations.organisation(id, actors.actor(auth)));
    }

    @PutMapping(value = "/api/admin/organisations/{id}", consumes = JSON)
    Map<String, Object> putOrganisation(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(organisations.updateOrganisation(id, stored -> organisation(body, null), actors.actor(auth)));
    }

    @PatchMapping(value = "/api/admin/organisations/{id}", consumes = {JSON, MERGE})
    Map<String, Object> patchOrganisation(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(organisations.updateOrganisation(id, stored -> organisation(body, stored), actors.actor(auth)));
    }

    @DeleteMapping("/api/admin/organisations/{id}")
    ResponseEntity<Void> deleteOrganisation(@PathVariable long id, Authentication auth) {
        organisations.deleteOrganisation(id, actors.actor(auth));
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

    private static Map<String, Object> render(OrganisationService.StoredOrganisation o) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", o.id());
        json.put("name", o.organisation().name());
        json.put("initiators", o.organisation().initiators());
        return json;
    }
}

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

/** {@code /api/admin/organisations} (superusers only). */
@RestController
class OrganisationController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String MERGE = "application/merge-patch+json";

    private final OrganisationService organisations;
    private final WriteAccess actors;
    private final JsonBodies bodies;

    OrganisationController(OrganisationService organisations, WriteAccess actors, JsonBodies bodies) {
        this.organisations = organisations;
        this.actors = actors;
        this.bodies = bodies;
    }

    @GetMapping({"/api/admin/organisations", "/api/admin/organisations/"})
    List<OrganisationService.StoredOrganisation> organisations(Authentication auth) {
        return organisations.organisations(actors.actor(auth));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = {"/api/admin/organisations", "/api/admin/organisations/"}, consumes = JSON)
    OrganisationService.StoredOrganisation createOrganisation(@RequestBody OrganisationInput body, Authentication auth) {
        return organisations.createOrganisation(body, actors.actor(auth));
    }

    @GetMapping("/api/admin/organisations/{id}")
    OrganisationService.StoredOrganisation organisation(@PathVariable long id, Authentication auth) {
        return organisations.organisation(id, actors.actor(auth));
    }

    @PutMapping(value = "/api/admin/organisations/{id}", consumes = JSON)
    OrganisationService.StoredOrganisation putOrganisation(@PathVariable long id, @RequestBody OrganisationInput body, Authentication auth) {
        return organisations.updateOrganisation(id, stored -> body, actors.actor(auth));
    }

    @PatchMapping(value = "/api/admin/organisations/{id}", consumes = {JSON, MERGE})
    OrganisationService.StoredOrganisation patchOrganisation(@PathVariable long id, @RequestBody @MergePatchOf(OrganisationInput.class) JsonNode patch, Authentication auth) {
        return organisations.updateOrganisation(id, stored -> bodies.patch(stored, patch, OrganisationInput.class), actors.actor(auth));
    }

    @DeleteMapping("/api/admin/organisations/{id}")
    ResponseEntity<Void> deleteOrganisation(@PathVariable long id, Authentication auth) {
        organisations.deleteOrganisation(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }
}

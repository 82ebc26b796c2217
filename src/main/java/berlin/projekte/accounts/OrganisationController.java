package berlin.projekte.accounts;

import berlin.projekte.admin.AdminResource;
import berlin.projekte.web.RequestBinding;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/organisations} (superusers only). */
@RestController
@RequestMapping("/api/admin/organisations")
class OrganisationController extends AdminResource<OrganisationInput, OrganisationService.StoredOrganisation> {

    OrganisationController(OrganisationService organisations, WriteAccess actors, RequestBinding binding) {
        super(OrganisationInput.class, organisations, actors, binding);
    }
}

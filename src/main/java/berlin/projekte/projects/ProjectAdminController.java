package berlin.projekte.projects;

import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/projects}: projects of every kind. */
@RestController
@RequestMapping("/api/admin/projects")
class ProjectAdminController extends ProjectResource {

    ProjectAdminController(ProjectService projects, WriteAccess access, RequestBinding binding, Clock clock) {
        super(null, projects, access, binding, clock);
    }
}

package berlin.projekte.projects;

import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/extprojects}: the projects of kind EXTERNAL (the kind is fixed; another kind is a 404 here). */
@RestController
@RequestMapping("/api/admin/extprojects")
class ExtProjectAdminController extends ProjectResource {

    ExtProjectAdminController(ProjectService projects, WriteAccess access, RequestBinding binding, Clock clock) {
        super(Kind.EXTERNAL, projects, access, binding, clock);
    }
}

package berlin.projekte.extprojects;

import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.projects.Kind;
import berlin.projekte.projects.ProjectResource;
import berlin.projekte.projects.ProjectService;
import berlin.projekte.web.JsonBodies;
import java.time.Clock;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/extprojects}: the projects of kind EXTERNAL (the kind is fixed; another kind is a 404 here). */
@RestController
@RequestMapping("/api/admin/extprojects")
class ExtProjectAdminController extends ProjectResource {

    ExtProjectAdminController(ProjectService projects, WriteAccess access, JsonBodies bodies, Clock clock) {
        super(Kind.EXTERNAL, projects, access, bodies, clock);
    }
}

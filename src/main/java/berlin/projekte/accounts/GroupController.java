package berlin.projekte.accounts;

import berlin.projekte.web.JsonBodies;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/groups} (superusers only). */
@RestController
@RequestMapping("/api/admin/groups")
class GroupController extends UserSetController<GroupInput> {

    GroupController(GroupService groups, WriteAccess actors, JsonBodies bodies) {
        super(groups, GroupInput.class, actors, bodies);
    }

}

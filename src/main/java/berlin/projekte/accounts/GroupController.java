package berlin.projekte.accounts;

import berlin.projekte.admin.AdminResource;
import berlin.projekte.web.RequestBinding;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/groups} (superusers only). */
@RestController
@RequestMapping("/api/admin/groups")
class GroupController extends AdminResource<GroupInput, GroupService.StoredGroup> {

    GroupController(GroupService groups, WriteAccess actors, RequestBinding binding) {
        super(GroupInput.class, groups, actors, binding);
    }
}

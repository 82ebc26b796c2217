package berlin.projekte.accounts;

import berlin.projekte.admin.AdminResource;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/users} (superusers only). The password may be left out on PUT and PATCH (kept). */
@RestController
@RequestMapping("/api/admin/users")
class UserController extends AdminResource<UserInput, UserController.UserView> {

    /** A user as the write API answers (never its password). */
    record UserView(long id, String username, boolean is_superuser, OffsetDateTime created) {
    }

    UserController(UserService users, WriteAccess actors, RequestBinding binding, Clock clock) {
        super(UserInput.class, new Users(users, clock), actors, binding);
    }

    /** The {@link UserService} calls, answered as {@link UserView}. */
    private record Users(UserService users, Clock clock) implements Operations<UserInput, UserView> {

        @Override
        public List<UserView> list(Actor actor) {
            return users.users(actor).stream().map(this::render).toList();
        }

        @Override
        public UserView get(long id, Actor actor) {
            return render(users.user(id, actor));
        }

        @Override
        public UserView create(UserInput body, Actor actor) {
            return render(users.createUser(body, actor));
        }

        @Override
        public UserView update(long id, UnaryOperator<UserInput> change, Actor actor) {
            return render(users.updateUser(id, change, actor));
        }

        @Override
        public void delete(long id, Actor actor) {
            users.deleteUser(id, actor);
        }

        private UserView render(UserService.StoredUser u) {
            return new UserView(u.id(), u.username(), u.superuser(), OffsetDateTime.ofInstant(u.created(), clock.getZone()));
        }
    }
}

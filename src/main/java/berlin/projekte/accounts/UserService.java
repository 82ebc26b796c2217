package berlin.projekte.accounts;

import berlin.projekte.Rows;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users (superusers only), one transaction per public method. A changed superuser flag, username
 * or password, or a deleted user raises {@link MembershipChanged} (who may view private projects,
 * and with which credentials); passwords are write-only and stored hashed.
 */
@Service
public class UserService {

    public record StoredUser(long id, String username, boolean superuser, Instant created) {
    }

    private final JdbcClient jdbc;
    private final AccountRows rows;
    private final WriteAccess access;
    private final ApplicationEventPublisher events;
    private final PasswordEncoder passwords;
    private final RequestBinding binding;
    private final Clock clock;

    UserService(JdbcClient jdbc, AccountRows rows, WriteAccess access, ApplicationEventPublisher events, PasswordEncoder passwords,
                RequestBinding binding, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.access = access;
        this.events = events;
        this.passwords = passwords;
        this.binding = binding;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<StoredUser> users(Actor actor) {
        access.requireSuperuser(actor);
        return loadUsers(null);
    }

    @Transactional(readOnly = true)
    public StoredUser user(long id, Actor actor) {
        access.requireSuperuser(actor);
        return findUser(id);
    }

    /** Creates a user; the password is required here. 409 for a taken username. */
    @Transactional
    public StoredUser createUser(UserInput input, Actor actor) {
        access.requireSuperuser(actor);
        FieldErrors errors = validate(input);
        if (input.password() == null) {
            errors.add("password", "is required");
        }
        errors.throwIfAny();
        requireFreeUsername(input.username(), null);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into app_user (username, password_hash, is_superuser, created) values (:username, :hash, :superuser, :created)")
                .param("username", input.username()).param("hash", passwords.encode(input.password()))
                .param("superuser", input.superuser()).param("created", Rows.timestamp(clock.instant())).update(key, "id");
        if (input.superuser()) {
            // A new superuser may view every private project.
            events.publishEvent(new MembershipChanged("superuser"));
        }
        return findUser(key.getKey().longValue());
    }

    /** Changes a user ({@code change} gets the stored fields, password null); a null password keeps the password. */
    @Transactional
    public StoredUser updateUser(long id, UnaryOperator<UserInput> change, Actor actor) {
        access.requireSuperuser(actor);
        StoredUser current = findUser(rows.lock("app_user", id));
        UserInput input = change.apply(new UserInput(current.username(), null, current.superuser()));
        validate(input).throwIfAny();
        requireFreeUsername(input.username(), id);
        jdbc.sql("update app_user set username = :username, is_superuser = :superuser"
                        + (input.password() == null ? "" : ", password_hash = :hash") + " where id = :id")
                .param("username", input.username()).param("superuser", input.superuser()).param("id", id)
                .params(input.password() == null ? Map.of() : Map.of("hash", passwords.encode(input.password()))).update();
        if (current.superuser() != input.superuser()) {
            events.publishEvent(new MembershipChanged("superuser"));
        } else if (input.password() != null || !current.username().equals(input.username())) {
            // instances remember who is asking, signed in with what (ViewerCache), under this event's generation
            events.publishEvent(new MembershipChanged("credentials"));
        }
        return findUser(id);
    }

    @Transactional
    public void deleteUser(long id, Actor actor) {
        access.requireSuperuser(actor);
        rows.lock("app_user", id);
        jdbc.sql("delete from app_user where id = :id").param("id", id).update();
        events.publishEvent(new MembershipChanged("user deleted"));
    }

    private FieldErrors validate(UserInput input) {
        FieldErrors errors = new FieldErrors(binding.violations(input));
        if (input.password() != null && !Passwords.acceptable(input.password())) {
            errors.add("password", Passwords.RULE);
        }
        return errors;
    }

    private void requireFreeUsername(String username, Long except) {
        int taken = jdbc.sql("select count(*) from app_user where username = :username and id <> :except").param("username", username)
                .param("except", except == null ? -1L : except).query(Integer.class).single();
        if (taken > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "This username is taken.", Map.of("username", "is already taken"));
        }
    }

    private StoredUser findUser(long id) {
        List<StoredUser> found = loadUsers(id);
        if (found.isEmpty()) {
            throw ApiException.notFound();
        }
        return found.get(0);
    }

    private List<StoredUser> loadUsers(Long id) {
        return jdbc.sql("select id, username, is_superuser, created from app_user" + (id == null ? "" : " where id = :id") + " order by id")
                .params(id == null ? Map.of() : Map.of("id", id))
                .query((rs, n) -> new StoredUser(rs.getLong(1), rs.getString(2), rs.getBoolean(3), Rows.instant(rs, 4))).list();
    }
}

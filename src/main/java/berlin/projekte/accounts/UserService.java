package berlin.projekte.accounts;

import berlin.projekte.Rows;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users (superusers only), one transaction per public method. A changed superuser flag or a
 * deleted user raises {@link MembershipChanged} (who may view private projects); passwords are
 * write-only and stored hashed.
 */
@Service
public class UserService {

    public record StoredUser(long id, String username, boolean superuser, Instant created) {
    }

    private final JdbcTemplate jdbc;
    private final AccountRows rows;
    private final WriteAccess access;
    private final ApplicationEventPublisher events;
    private final PasswordEncoder passwords;
    private final Clock clock;

    UserService(JdbcTemplate jdbc, AccountRows rows, WriteAccess access, ApplicationEventPublisher events, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.access = access;
        this.events = events;
        this.passwords = passwords;
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
        String hash = passwords.encode(input.password());
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into app_user (username, password_hash, is_superuser, created) values (?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, input.username());
            ps.setString(2, hash);
            ps.setBoolean(3, input.superuser());
            ps.setObject(4, Rows.timestamp(clock.instant()));
            return ps;
        }, key);
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
        if (input.password() != null) {
            jdbc.update("update app_user set username = ?, is_superuser = ?, password_hash = ? where id = ?",
                    input.username(), input.superuser(), passwords.encode(input.password()), id);
        } else {
            jdbc.update("update app_user set username = ?, is_superuser = ? where id = ?", input.username(), input.superuser(), id);
        }
        if (current.superuser() != input.superuser()) {
            events.publishEvent(new MembershipChanged("superuser"));
        }
        return findUser(id);
    }

    @Transactional
    public void deleteUser(long id, Actor actor) {
        access.requireSuperuser(actor);
        rows.lock("app_user", id);
        jdbc.update("delete from app_user where id = ?", id);
        events.publishEvent(new MembershipChanged("user deleted"));
    }

    private FieldErrors validate(UserInput input) {
        FieldErrors errors = new FieldErrors();
        errors.text("username", input.username(), true, 150);
        if (input.username() != null && !input.username().matches("[\\p{L}\\p{N}@.+_-]+")) {
            errors.add("username", "may contain only letters, digits and @ . + - _");
        }
        if (input.password() != null && UserInput.passwordProblem(input.password()) != null) {
            errors.add("password", UserInput.passwordProblem(input.password()));
        }
        return errors;
    }

    private void requireFreeUsername(String username, Long except) {
        Integer taken = except == null
                ? jdbc.queryForObject("select count(*) from app_user where username = ?", Integer.class, username)
                : jdbc.queryForObject("select count(*) from app_user where username = ? and id <> ?", Integer.class, username, except);
        if (taken != null && taken > 0) {
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
        return jdbc.query("select id, username, is_superuser, created from app_user" + (id == null ? "" : " where id = ?")
                        + " order by id", (rs, n) -> new StoredUser(rs.getLong(1), rs.getString(2), rs.getBoolean(3), Rows.instant(rs, 4)),
                id == null ? new Object[0] : new Object[] {id});
    }
}

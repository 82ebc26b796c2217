package berlin.projekte.admin;

import berlin.projekte.Rows;
import berlin.projekte.accounts.Passwords;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.SharedDataChanged;
import berlin.projekte.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations, users and groups (superusers only): one transaction per public method and the
 * change events of SPEC §5 — an organisation renamed or deleted → {@link SharedDataChanged};
 * initiators, group members, a superuser flag, a deleted user or group → {@link MembershipChanged}.
 * Creating one that no list shows yet raises nothing, unless it brings members.
 */
@Service
public class AccountWriter {

    public record StoredOrganisation(long id, OrganisationInput organisation) {
    }

    public record StoredUser(long id, String username, boolean superuser, Instant created) {
    }

    public record StoredGroup(long id, GroupInput group) {
    }

    private final JdbcTemplate jdbc;
    private final References references;
    private final ApplicationEventPublisher events;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public AccountWriter(JdbcTemplate jdbc, References references, ApplicationEventPublisher events, PasswordEncoder passwords,
                         Clock clock) {
        this.jdbc = jdbc;
        this.references = references;
        this.events = events;
        this.passwords = passwords;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ organisations

    @Transactional(readOnly = true)
    public List<StoredOrganisation> organisations(Actor actor) {
        References.requireSuperuser(actor);
        return loadOrganisations(null);
    }

    @Transactional(readOnly = true)
    public StoredOrganisation organisation(long id, Actor actor) {
        References.requireSuperuser(actor);
        return findOrganisation(id);
    }

    @Transactional
    public StoredOrganisation createOrganisation(OrganisationInput input, Actor actor) {
        References.requireSuperuser(actor);
        validate(input);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into organisation (name) values (?)", new String[] {"id"});
            ps.setString(1, input.name());
            return ps;
        }, key);
        long id = key.getKey().longValue();
        insertMembers("insert into organisation_initiator (organisation_id, user_id) values (?, ?)", id, input.initiators());
        if (!input.initiators().isEmpty()) {
            events.publishEvent(new MembershipChanged("initiators"));
        }
        return findOrganisation(id);
    }

    @Transactional
    public StoredOrganisation updateOrganisation(long id, OrganisationInput input, Actor actor) {
        References.requireSuperuser(actor);
        StoredOrganisation current = findOrganisation(lock("organisation", id));
        validate(input);
        if (!current.organisation().name().equals(input.name())) {
            jdbc.update("update organisation set name = ? where id = ?", input.name(), id);
            events.publishEvent(new SharedDataChanged("organisation"));
        }
        if (!new HashSet<>(current.organisation().initiators()).equals(new HashSet<>(input.initiators()))) {
            jdbc.update("delete from organisation_initiator where organisation_id = ?", id);
            insertMembers("insert into organisation_initiator (organisation_id, user_id) values (?, ?)", id, input.initiators());
            events.publishEvent(new MembershipChanged("initiators"));
        }
        return findOrganisation(id);
    }

    /** 409 while projects or plans still belong to it. */
    @Transactional
    public void deleteOrganisation(long id, Actor actor) {
        References.requireSuperuser(actor);
        lock("organisation", id);
        Integer used = jdbc.queryForObject("select (select count(*) from project where organisation_id = ?)"
                + " + (select count(*) from plan where organisation_id = ?)", Integer.class, id, id);
        if (used != null && used > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "The organisation still has projects or plans; delete or move them first.");
        }
        boolean hadInitiators = !jdbc.queryForList("select user_id from organisation_initiator where organisation_id = ?",
                Long.class, id).isEmpty();
        jdbc.update("delete from organisation where id = ?", id);
        events.publishEvent(new SharedDataChanged("organisation"));
        if (hadInitiators) {
            events.publishEvent(new MembershipChanged("initiators"));
        }
    }

    private void validate(OrganisationInput input) {
        FieldErrors errors = new FieldErrors();
        errors.text("name", input.name(), true, 255);
        references.checkIds("app_user", "initiators", input.initiators(), errors, "user");
        errors.throwIfAny();
    }

    private StoredOrganisation findOrganisation(long id) {
        List<StoredOrganisation> found = loadOrganisations(id);
        if (found.isEmpty()) {
            throw ApiException.notFound();
        }
        return found.get(0);
    }

    private List<StoredOrganisation> loadOrganisations(Long id) {
        Object[] args = id == null ? new Object[0] : new Object[] {id};
        String where = id == null ? "" : " where organisation_id = ?";
        Map<Long, List<Long>> initiators = members("select organisation_id, user_id from organisation_initiator" + where
                + " order by user_id", args);
        return jdbc.query("select id, name from organisation" + (id == null ? "" : " where id = ?") + " order by id",
                (rs, n) -> new StoredOrganisation(rs.getLong(1), new OrganisationInput(rs.getString(2),
                        initiators.getOrDefault(rs.getLong(1), List.of()))), args);
    }

    // ------------------------------------------------------------------ users

    @Transactional(readOnly = true)
    public List<StoredUser> users(Actor actor) {
        References.requireSuperuser(actor);
        return loadUsers(null);
    }

    @Transactional(readOnly = true)
    public StoredUser user(long id, Actor actor) {
        References.requireSuperuser(actor);
        return findUser(id);
    }

    /** Creates a user; the password is required here. 409 for a taken username. */
    @Transactional
    public StoredUser createUser(UserInput input, Actor actor) {
        References.requireSuperuser(actor);
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
            ps.setObject(4, ProjectWriter.ts(clock.instant()));
            return ps;
        }, key);
        if (input.superuser()) {
            // A new superuser may view every private project.
            events.publishEvent(new MembershipChanged("superuser"));
        }
        return findUser(key.getKey().longValue());
    }

    /** Changes a user; a null password keeps the password. */
    @Transactional
    public StoredUser updateUser(long id, UserInput input, Actor actor) {
        References.requireSuperuser(actor);
        StoredUser current = findUser(lock("app_user", id));
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
        References.requireSuperuser(actor);
        lock("app_user", id);
        jdbc.update("delete from app_user where id = ?", id);
        events.publishEvent(new MembershipChanged("user deleted"));
    }

    private FieldErrors validate(UserInput input) {
        FieldErrors errors = new FieldErrors();
        errors.text("username", input.username(), true, 150);
        if (input.username() != null && !input.username().matches("[\\p{L}\\p{N}@.+_-]+")) {
            errors.add("username", "may contain only letters, digits and @ . + - _");
        }
        if (input.password() != null && !Passwords.acceptable(input.password())) {
            errors.add("password", Passwords.RULE);
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

    // ------------------------------------------------------------------ groups

    @Transactional(readOnly = true)
    public List<StoredGroup> groups(Actor actor) {
        References.requireSuperuser(actor);
        return loadGroups(null);
    }

    @Transactional(readOnly = true)
    public StoredGroup group(long id, Actor actor) {
        References.requireSuperuser(actor);
        return findGroup(id);
    }

    @Transactional
    public StoredGroup createGroup(GroupInput input, Actor actor) {
        References.requireSuperuser(actor);
        validate(input, null);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into user_group (name) values (?)", new String[] {"id"});
            ps.setString(1, input.name());
            return ps;
        }, key);
        long id = key.getKey().longValue();
        insertMembers("insert into group_member (group_id, user_id) values (?, ?)", id, input.members());
        if (!input.members().isEmpty()) {
            events.publishEvent(new MembershipChanged("group members"));
        }
        return findGroup(id);
    }

    @Transactional
    public StoredGroup updateGroup(long id, GroupInput input, Actor actor) {
        References.requireSuperuser(actor);
        StoredGroup current = findGroup(lock("user_group", id));
        validate(input, id);
        if (!Objects.equals(current.group().name(), input.name())) {
            jdbc.update("update user_group set name = ? where id = ?", input.name(), id);
        }
        if (!new HashSet<>(current.group().members()).equals(new HashSet<>(input.members()))) {
            jdbc.update("delete from group_member where group_id = ?", id);
            insertMembers("insert into group_member (group_id, user_id) values (?, ?)", id, input.members());
            events.publishEvent(new MembershipChanged("group members"));
        }
        return findGroup(id);
    }

    @Transactional
    public void deleteGroup(long id, Actor actor) {
        References.requireSuperuser(actor);
        lock("user_group", id);
        jdbc.update("delete from user_group where id = ?", id);
        events.publishEvent(new MembershipChanged("group deleted"));
    }

    private void validate(GroupInput input, Long except) {
        FieldErrors errors = new FieldErrors();
        errors.text("name", input.name(), true, 150);
        references.checkIds("app_user", "members", input.members(), errors, "user");
        errors.throwIfAny();
        Integer taken = except == null
                ? jdbc.queryForObject("select count(*) from user_group where name = ?", Integer.class, input.name())
                : jdbc.queryForObject("select count(*) from user_group where name = ? and id <> ?", Integer.class, input.name(), except);
        if (taken != null && taken > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "A group with this name exists.", Map.of("name", "is already taken"));
        }
    }

    private StoredGroup findGroup(long id) {
        List<StoredGroup> found = loadGroups(id);
        if (found.isEmpty()) {
            throw ApiException.notFound();
        }
        return found.get(0);
    }

    private List<StoredGroup> loadGroups(Long id) {
        Object[] args = id == null ? new Object[0] : new Object[] {id};
        Map<Long, List<Long>> members = members("select group_id, user_id from group_member"
                + (id == null ? "" : " where group_id = ?") + " order by user_id", args);
        return jdbc.query("select id, name from user_group" + (id == null ? "" : " where id = ?") + " order by id",
                (rs, n) -> new StoredGroup(rs.getLong(1), new GroupInput(rs.getString(2), members.getOrDefault(rs.getLong(1), List.of()))),
                args);
    }

    // ------------------------------------------------------------------ shared

    /** Locks a row for the rest of the transaction; 404 when it does not exist. Returns the id. */
    private long lock(String table, long id) {
        if (jdbc.queryForList("select id from " + table + " where id = ? for update", Long.class, id).isEmpty()) {
            throw ApiException.notFound();
        }
        return id;
    }

    private void insertMembers(String sql, long owner, List<Long> users) {
        if (!users.isEmpty()) {
            jdbc.batchUpdate(sql, users.stream().map(u -> new Object[] {owner, u}).toList());
        }
    }

    private Map<Long, List<Long>> members(String sql, Object... args) {
        Map<Long, List<Long>> result = new HashMap<>();
        jdbc.query(sql, rs -> { result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); }, args);
        return result;
    }
}

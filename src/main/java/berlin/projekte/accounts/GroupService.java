package berlin.projekte.accounts;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.places.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups (superusers only), one transaction per public method. A change of members or a deleted
 * group raises {@link MembershipChanged}; a rename changes no list.
 */
@Service
public class GroupService {

    public record StoredGroup(long id, GroupInput group) {
    }

    private final JdbcTemplate jdbc;
    private final AccountRows rows;
    private final ReferenceData references;
    private final WriteAccess access;
    private final ApplicationEventPublisher events;

    GroupService(JdbcTemplate jdbc, AccountRows rows, ReferenceData references, WriteAccess access, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.references = references;
        this.access = access;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<StoredGroup> groups(Actor actor) {
        access.requireSuperuser(actor);
        return loadGroups(null);
    }

    @Transactional(readOnly = true)
    public StoredGroup group(long id, Actor actor) {
        access.requireSuperuser(actor);
        return findGroup(id);
    }

    @Transactional
    public StoredGroup createGroup(GroupInput input, Actor actor) {
        access.requireSuperuser(actor);
        validate(input, null);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into user_group (name) values (?)", new String[] {"id"});
            ps.setString(1, input.name());
            return ps;
        }, key);
        long id = key.getKey().longValue();
        rows.insertMembers("insert into group_member (group_id, user_id) values (?, ?)", id, input.members());
        if (!input.members().isEmpty()) {
            events.publishEvent(new MembershipChanged("group members"));
        }
        return findGroup(id);
    }

    @Transactional
    public StoredGroup updateGroup(long id, UnaryOperator<GroupInput> change, Actor actor) {
        access.requireSuperuser(actor);
        StoredGroup current = findGroup(rows.lock("user_group", id));
        GroupInput input = change.apply(current.group());
        validate(input, id);
        if (!Objects.equals(current.group().name(), input.name())) {
            jdbc.update("update user_group set name = ? where id = ?", input.name(), id);
        }
        if (!new HashSet<>(current.group().members()).equals(new HashSet<>(input.members()))) {
            jdbc.update("delete from group_member where group_id = ?", id);
            rows.insertMembers("insert into group_member (group_id, user_id) values (?, ?)", id, input.members());
            events.publishEvent(new MembershipChanged("group members"));
        }
        return findGroup(id);
    }

    @Transactional
    public void deleteGroup(long id, Actor actor) {
        access.requireSuperuser(actor);
        rows.lock("user_group", id);
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
        Map<Long, List<Long>> members = rows.members("select group_id, user_id from group_member"
                + (id == null ? "" : " where group_id = ?") + " order by user_id", args);
        return jdbc.query("select id, name from user_group" + (id == null ? "" : " where id = ?") + " order by id",
                (rs, n) -> new StoredGroup(rs.getLong(1), new GroupInput(rs.getString(2), members.getOrDefault(rs.getLong(1), List.of()))),
                args);
    }
}

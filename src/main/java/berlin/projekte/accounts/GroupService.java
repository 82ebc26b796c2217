package berlin.projekte.accounts;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.places.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.JsonBodies;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups (superusers only), one transaction per public method. A change of members or a deleted
 * group raises {@link MembershipChanged}; a rename changes no list.
 */
@Service
public class GroupService {

    public record StoredGroup(long id, @JsonUnwrapped GroupInput group) {
    }

    private static final String MEMBERS = "group_member";
    private static final String OWNER = "group_id";

    private final JdbcClient jdbc;
    private final AccountRows rows;
    private final ReferenceData references;
    private final WriteAccess access;
    private final JsonBodies bodies;
    private final ApplicationEventPublisher events;

    GroupService(JdbcClient jdbc, AccountRows rows, ReferenceData references, WriteAccess access, JsonBodies bodies,
              ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.references = references;
        this.access = access;
        this.bodies = bodies;
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
        long id = rows.insertNamed("user_group", input.name());
        rows.replaceMembers(MEMBERS, OWNER, id, input.members());
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
            rows.rename("user_group", id, input.name());
        }
        if (!new HashSet<>(current.group().members()).equals(new HashSet<>(input.members()))) {
            rows.replaceMembers(MEMBERS, OWNER, id, input.members());
            events.publishEvent(new MembershipChanged("group members"));
        }
        return findGroup(id);
    }

    @Transactional
    public void deleteGroup(long id, Actor actor) {
        access.requireSuperuser(actor);
        rows.lock("user_group", id);
        jdbc.sql("delete from user_group where id = :id").param("id", id).update();
        events.publishEvent(new MembershipChanged("group deleted"));
    }

    private void validate(GroupInput input, Long except) {
        FieldErrors errors = new FieldErrors(bodies.violations(input));
        references.checkIds("app_user", "members", input.members(), errors, "user");
        errors.throwIfAny();
        int taken = jdbc.sql("select count(*) from user_group where name = :name and id <> :except").param("name", input.name())
                .param("except", except == null ? -1L : except).query(Integer.class).single();
        if (taken > 0) {
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
        Map<Long, List<Long>> members = rows.members(MEMBERS, OWNER, id);
        return rows.named("user_group", id, (rowId, name) -> new StoredGroup(rowId, new GroupInput(name, members.getOrDefault(rowId, List.of()))));
    }
}

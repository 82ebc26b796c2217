package berlin.projekte.accounts;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.referencedata.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.RequestBinding;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups and their members (superusers only), names unique. A change of members or a deleted
 * group raises {@link MembershipChanged}; a rename changes no list.
 */
@Service
public class GroupService extends MembershipService<GroupInput, GroupService.StoredGroup> {

    /** A stored group: its id and fields. */
    public record StoredGroup(long id, @JsonUnwrapped GroupInput fields) implements Stored<GroupInput> {
    }

    GroupService(JdbcClient jdbc, AccountRows rows, ReferenceData references, WriteAccess access, RequestBinding binding,
                 ApplicationEventPublisher events) {
        super(new Tables<>("user_group", "group_member", "group_id", "members", GroupInput::new, StoredGroup::new,
                new MembershipChanged("group members")), jdbc, rows, references, access, binding, events);
    }

    @Override
    void checkFree(GroupInput input, Long except) {
        int taken = jdbc.sql("select count(*) from user_group where name = :name and id <> :except").param("name", input.name())
                .param("except", except == null ? -1L : except).query(Integer.class).single();
        if (taken > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "A group with this name exists.", Map.of("name", "is already taken"));
        }
    }

    @Override
    @Transactional
    public void delete(long id, Actor actor) {
        requireSuperuser(actor);
        deleteRow(id);
        events.publishEvent(new MembershipChanged("group deleted"));
    }
}

package berlin.projekte.accounts;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.SharedDataChanged;
import berlin.projekte.places.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations (superusers only), one transaction per public method: a rename or delete raises
 * {@link SharedDataChanged} (every list shows organisation names), a change of initiators
 * {@link MembershipChanged}. Creating one that no list shows yet raises nothing, unless it brings initiators.
 */
@Service
public class OrganisationService {

    public record StoredOrganisation(long id, OrganisationInput organisation) {
    }

    private final JdbcTemplate jdbc;
    private final AccountRows rows;
    private final ReferenceData references;
    private final WriteAccess access;
    private final ApplicationEventPublisher events;

    OrganisationService(JdbcTemplate jdbc, AccountRows rows, ReferenceData references, WriteAccess access, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.references = references;
        this.access = access;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<StoredOrganisation> organisations(Actor actor) {
        access.requireSuperuser(actor);
        return loadOrganisations(null);
    }

    @Transactional(readOnly = true)
    public StoredOrganisation organisation(long id, Actor actor) {
        access.requireSuperuser(actor);
        return findOrganisation(id);
    }

    @Transactional
    public StoredOrganisation createOrganisation(OrganisationInput input, Actor actor) {
        access.requireSuperuser(actor);
        validate(input);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("insert into organisation (name) values (?)", new String[] {"id"});
            ps.setString(1, input.name());
            return ps;
        }, key);
        long id = key.getKey().longValue();
        rows.insertMembers("insert into organisation_initiator (organisation_id, user_id) values (?, ?)", id, input.initiators());
        if (!input.initiators().isEmpty()) {
            events.publishEvent(new MembershipChanged("initiators"));
        }
        return findOrganisation(id);
    }

    @Transactional
    public StoredOrganisation updateOrganisation(long id, UnaryOperator<OrganisationInput> change, Actor actor) {
        access.requireSuperuser(actor);
        StoredOrganisation current = findOrganisation(rows.lock("organisation", id));
        OrganisationInput input = change.apply(current.organisation());
        validate(input);
        if (!current.organisation().name().equals(input.name())) {
            jdbc.update("update organisation set name = ? where id = ?", input.name(), id);
            events.publishEvent(new SharedDataChanged("organisation"));
        }
        if (!new HashSet<>(current.organisation().initiators()).equals(new HashSet<>(input.initiators()))) {
            jdbc.update("delete from organisation_initiator where organisation_id = ?", id);
            rows.insertMembers("insert into organisation_initiator (organisation_id, user_id) values (?, ?)", id, input.initiators());
            events.publishEvent(new MembershipChanged("initiators"));
        }
        return findOrganisation(id);
    }

    /** 409 while projects or plans still belong to it. */
    @Transactional
    public void deleteOrganisation(long id, Actor actor) {
        access.requireSuperuser(actor);
        rows.lock("organisation", id);
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
        Map<Long, List<Long>> initiators = rows.members("select organisation_id, user_id from organisation_initiator" + where
                + " order by user_id", args);
        return jdbc.query("select id, name from organisation" + (id == null ? "" : " where id = ?") + " order by id",
                (rs, n) -> new StoredOrganisation(rs.getLong(1), new OrganisationInput(rs.getString(2),
                        initiators.getOrDefault(rs.getLong(1), List.of()))), args);
    }
}

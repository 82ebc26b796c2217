package berlin.projekte.accounts;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.SharedDataChanged;
import berlin.projekte.places.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.JsonBodies;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations (superusers only), one transaction per public method: a rename or delete raises
 * {@link SharedDataChanged} (every list shows organisation names), a change of initiators
 * {@link MembershipChanged}. Creating one that no list shows yet raises nothing, unless it brings initiators.
 */
@Service
public class OrganisationService {

    public record StoredOrganisation(long id, @JsonUnwrapped OrganisationInput organisation) {
    }

    private static final String INITIATORS = "organisation_initiator";
    private static final String OWNER = "organisation_id";

    private final JdbcClient jdbc;
    private final AccountRows rows;
    private final ReferenceData references;
    private final WriteAccess access;
    private final JsonBodies bodies;
    private final ApplicationEventPublisher events;

    OrganisationService(JdbcClient jdbc, AccountRows rows, ReferenceData references, WriteAccess access, JsonBodies bodies,
              ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.references = references;
        this.access = access;
        this.bodies = bodies;
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
        long id = rows.insertNamed("organisation", input.name());
        rows.replaceMembers(INITIATORS, OWNER, id, input.initiators());
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
            rows.rename("organisation", id, input.name());
            events.publishEvent(new SharedDataChanged("organisation"));
        }
        if (!new HashSet<>(current.organisation().initiators()).equals(new HashSet<>(input.initiators()))) {
            rows.replaceMembers(INITIATORS, OWNER, id, input.initiators());
            events.publishEvent(new MembershipChanged("initiators"));
        }
        return findOrganisation(id);
    }

    /** 409 while projects or plans still belong to it. */
    @Transactional
    public void deleteOrganisation(long id, Actor actor) {
        access.requireSuperuser(actor);
        rows.lock("organisation", id);
        int used = jdbc.sql("select (select count(*) from project where organisation_id = :id)"
                + " + (select count(*) from plan where organisation_id = :id)").param("id", id).query(Integer.class).single();
        if (used > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "The organisation still has projects or plans; delete or move them first.");
        }
        boolean hadInitiators = !rows.members(INITIATORS, OWNER, id).isEmpty();
        jdbc.sql("delete from organisation where id = :id").param("id", id).update();
        events.publishEvent(new SharedDataChanged("organisation"));
        if (hadInitiators) {
            events.publishEvent(new MembershipChanged("initiators"));
        }
    }

    private void validate(OrganisationInput input) {
        FieldErrors errors = new FieldErrors(bodies.violations(input));
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
        Map<Long, List<Long>> initiators = rows.members(INITIATORS, OWNER, id);
        return rows.named("organisation", id, (rowId, name) -> new StoredOrganisation(rowId,
                new OrganisationInput(name, initiators.getOrDefault(rowId, List.of()))));
    }
}

package berlin.projekte.accounts;

import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.SharedDataChanged;
import berlin.projekte.referencedata.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.RequestBinding;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations and their initiators (superusers only): a rename or delete raises
 * {@link SharedDataChanged} (every list shows organisation names), a change of initiators
 * {@link MembershipChanged}. Creating one that no list shows yet raises nothing, unless it brings initiators.
 */
@Service
public class OrganisationService extends MembershipService<OrganisationInput, OrganisationService.StoredOrganisation> {

    /** A stored organisation: its id and fields. */
    public record StoredOrganisation(long id, @JsonUnwrapped OrganisationInput fields) implements Stored<OrganisationInput> {
    }

    OrganisationService(JdbcClient jdbc, AccountRows rows, ReferenceData references, WriteAccess access, RequestBinding binding,
                        ApplicationEventPublisher events) {
        super(new Tables<>("organisation", "organisation_initiator", "organisation_id", "initiators", OrganisationInput::new,
                StoredOrganisation::new, new MembershipChanged("initiators")), jdbc, rows, references, access, binding, events);
    }

    @Override
    void renamed() {
        events.publishEvent(new SharedDataChanged("organisation"));
    }

    /** 409 while projects or plans still belong to it. */
    @Override
    @Transactional
    public void delete(long id, Actor actor) {
        requireSuperuser(actor);
        int used = jdbc.sql("select (select count(*) from project where organisation_id = :id)"
                + " + (select count(*) from plan where organisation_id = :id)").param("id", id).query(Integer.class).single();
        if (used > 0) {
            throw new ApiException(HttpStatus.CONFLICT, "The organisation still has projects or plans; delete or move them first.");
        }
        boolean hadInitiators = deleteRow(id);
        events.publishEvent(new SharedDataChanged("organisation"));
        if (hadInitiators) {
            events.publishEvent(new MembershipChanged("initiators"));
        }
    }
}

package berlin.projekte.plans;

import berlin.projekte.Rows;
import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.referencedata.ReferenceChecks;
import berlin.projekte.referencedata.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and deleting plans (with their topics and links to projects): one
 * transaction per public method, everything validated before anything is written, then
 * {@link PlanChanged}. Callable without HTTP; {@link #createAll} for many plans at once.
 */
@Service
public class PlanService {

    private final PlanRepository repository;
    private final ReferenceData references;
    private final WriteAccess access;
    private final RequestBinding binding;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlanService(PlanRepository repository, ReferenceData references, WriteAccess access, RequestBinding binding, ApplicationEventPublisher events,
                Clock clock) {
        this.repository = repository;
        this.references = references;
        this.access = access;
        this.binding = binding;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public StoredPlan get(long id, Actor actor) {
        StoredPlan plan = find(id, false);
        access.requireManages(actor, List.of(plan.plan().organisation()));
        return plan;
    }

    @Transactional(readOnly = true)
    public List<StoredPlan> list(Actor actor) {
        if (actor.superuser()) {
            return repository.load("1 = 1", Map.of());
        }
        if (actor.userId() == null || access.initiated(actor).isEmpty()) {
            throw WriteAccess.forbidden();
        }
        return repository.load("pl.organisation_id in (select organisation_id from organisation_initiator where user_id = :user)",
                Map.of("user", actor.userId()));
    }

    @Transactional
    public StoredPlan create(PlanInput input, Actor actor) {
        long id = insertAll(List.of(input), actor).get(0);
        events.publishEvent(new PlanChanged());
        return find(id, false);
    }

    /** Creates all plans in one transaction (all or none), one {@link PlanChanged} at the end; ids in input order. */
    @Transactional
    public List<Long> createAll(List<PlanInput> inputs, Actor actor) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<Long> ids = insertAll(inputs, actor);
        events.publishEvent(new PlanChanged());
        return ids;
    }

    /** Changes a plan in one transaction (row locked; {@code change} maps the stored fields to the new); nothing changed: no write, no event. */
    @Transactional
    public StoredPlan update(long id, UnaryOperator<PlanInput> change, Actor actor) {
        StoredPlan current = find(id, true);
        access.requireManages(actor, List.of(current.plan().organisation()));
        PlanInput stored = current.plan();
        PlanInput input = change.apply(stored);
        Lookup lookup = lookup(List.of(input));
        validate(input, lookup).throwIfAny();
        access.requireManages(actor, List.of(input.organisation()));
        if (input.equals(stored)) {
            return current;
        }
        repository.update(id, stored, input, lookup.district(input.district()), clock.instant());
        events.publishEvent(new PlanChanged());
        return find(id, false);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        StoredPlan current = find(id, true);
        access.requireManages(actor, List.of(current.plan().organisation()));
        repository.delete(List.of(id));
        events.publishEvent(new PlanChanged());
    }

    /** Deletes these plans (unknown ids are skipped) in one transaction, one event. Returns how many. */
    @Transactional
    public int deleteAll(Collection<Long> ids, Actor actor) {
        if (ids.isEmpty()) {
            return 0;
        }
        Map<Long, Long> organisations = repository.lock(ids);
        access.requireManages(actor, new HashSet<>(organisations.values()));
        repository.delete(organisations.keySet());
        if (!organisations.isEmpty()) {
            events.publishEvent(new PlanChanged());
        }
        return organisations.size();
    }

    private List<Long> insertAll(List<PlanInput> inputs, Actor actor) {
        Lookup lookup = lookup(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            validate(inputs.get(i), lookup).throwIfAny("plan", i, inputs.size());
        }
        access.requireManages(actor, inputs.stream().map(PlanInput::organisation).collect(Collectors.toSet()));
        List<Instant> created = Rows.inInputOrder(clock.instant(), inputs.size());
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < inputs.size(); n++) {
            PlanInput input = inputs.get(n);
            ids.add(repository.insert(input, lookup.district(input.district()), created.get(n)));
        }
        return ids;
    }

    private record Lookup(Map<String, Long> districts, Set<String> topics, Set<Long> organisations, Set<Long> projects) {
        Long district(String code) {
            return code == null ? null : districts.get(code);
        }
    }

    private Lookup lookup(List<PlanInput> inputs) {
        Set<Long> organisations = new HashSet<>();
        Set<Long> projects = new HashSet<>();
        for (PlanInput input : inputs) {
            if (input.organisation() != null) {
                organisations.add(input.organisation());
            }
            projects.addAll(input.projects());
        }
        return new Lookup(references.districts(), references.topics(), references.existing("organisation", organisations),
                references.existing("project", projects));
    }

    /** The record's own rules (Bean Validation of its JSON shape), then those that need the database. */
    private FieldErrors validate(PlanInput input, Lookup lookup) {
        FieldErrors errors = new FieldErrors(binding.violations(PlanJson.of(input)));
        if (input.organisation() != null && !lookup.organisations.contains(input.organisation())) {
            errors.add("organisation", "unknown organisation");
        }
        ReferenceChecks.district(input.district(), lookup.districts, errors);
        ReferenceChecks.topics(input.topics(), lookup.topics, errors);
        ReferenceChecks.ids("projects", input.projects(), lookup.projects, "project", errors);
        return errors;
    }

    /** One plan (its row locked for the transaction when {@code lock}); 404 when unknown. */
    private StoredPlan find(long id, boolean lock) {
        if (lock && repository.lock(List.of(id)).isEmpty()) {
            throw ApiException.notFound();
        }
        return repository.load("pl.id = :id", Map.of("id", id)).stream().findFirst().orElseThrow(ApiException::notFound);
    }
}

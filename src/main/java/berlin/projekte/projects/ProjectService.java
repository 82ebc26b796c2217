package berlin.projekte.projects;

import berlin.projekte.Rows;
import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.referencedata.ReferenceChecks;
import berlin.projekte.referencedata.ReferenceData;
import berlin.projekte.validation.FieldMessages;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and deleting projects (with their modules, phases, topics, members and plan
 * links): each public method is one transaction, validates everything before writing anything,
 * and raises {@link ProjectChanged} for the kind(s) concerned. Callable without HTTP (devtools):
 * {@link #createAll} creates many projects with a handful of statements per project.
 */
@Service
public class ProjectService {

    private final ProjectRepository repository;
    private final JdbcClient client;
    private final ReferenceData references;
    private final WriteAccess access;
    private final RequestBinding binding;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectService(ProjectRepository repository, JdbcClient client, ReferenceData references, WriteAccess access, RequestBinding binding,
                   ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.client = client;
        this.references = references;
        this.access = access;
        this.binding = binding;
        this.events = events;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- reads

    /** One project; 404 when unknown (or not of {@code onlyKind} when given), 403 when the actor may not manage it. */
    @Transactional(readOnly = true)
    public StoredProject get(long id, Actor actor, Kind onlyKind) {
        StoredProject project = find(id, onlyKind, false);
        access.requireManages(actor, List.of(project.project().organisation()));
        return project;
    }

    /** Every project the actor manages (all for a superuser), of {@code onlyKind} when given, by id. */
    @Transactional(readOnly = true)
    public List<StoredProject> list(Actor actor, Kind onlyKind) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder condition = new StringBuilder("1 = 1");
        if (onlyKind != null) {
            condition.append(" and p.kind = :kind");
            params.put("kind", onlyKind.name());
        }
        if (!actor.superuser()) {
            Set<Long> initiated = access.initiated(actor);
            if (initiated.isEmpty()) {
                throw WriteAccess.forbidden();
            }
            condition.append(" and p.organisation_id in (:organisations)");
            params.put("organisations", initiated);
        }
        return repository.load(condition.toString(), params);
    }

    // ---------------------------------------------------------------- writes

    @Transactional
    public StoredProject create(ProjectInput input, Actor actor) {
        long id = insertAll(List.of(input), actor).get(0);
        events.publishEvent(new ProjectChanged(input.kind()));
        return find(id, null, false);
    }

    /**
     * Creates all projects in one transaction (all or none) and raises one {@link ProjectChanged}
     * per kind at the end. Returns their ids in input order. Created instants are spaced by a
     * microsecond so the lists show them in input order.
     */
    @Transactional
    public List<Long> createAll(List<ProjectInput> inputs, Actor actor) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        List<Long> ids = insertAll(inputs, actor);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        inputs.forEach(i -> kinds.add(i.kind()));
        kinds.forEach(kind -> events.publishEvent(new ProjectChanged(kind)));
        return ids;
    }

    /**
     * Changes a project in one transaction: its row is locked, {@code change} turns the stored
     * fields into the new ones (a PUT ignores them, a PATCH merges into them), and only what
     * differs is written. {@code slug} null keeps the slug, {@code modules} null keeps the modules.
     * Nothing changed: nothing written, no event. Otherwise {@link ProjectChanged} for the old kind
     * and, if it changed, the new one. A change of only its moderators, participants or group
     * changes no list item, only who may view it: that raises {@link MembershipChanged} and leaves
     * {@code modified} alone.
     */
    @Transactional
    public StoredProject update(long id, UnaryOperator<ProjectInput> change, Actor actor, Kind onlyKind) {
        StoredProject current = find(id, onlyKind, true);
        access.requireManages(actor, List.of(current.project().organisation()));
        ProjectInput stored = current.project();
        ProjectInput input = change.apply(stored);
        Lookup lookup = lookup(List.of(input));
        FieldErrors errors = validate(input, lookup);
        Slugs slugs = new Slugs(client);
        String slug = input.slug() == null ? stored.slug() : input.slug();
        if (!slug.equals(stored.slug()) && !errors.has("slug") && slugs.isTaken(slug, id)) {
            throw duplicateSlug();
        }
        errors.throwIfAny();
        access.requireManages(actor, List.of(input.organisation()));
        ProjectInput next = input.withSlug(slug).withModules(input.modules() == null ? stored.modules() : input.modules());
        if (next.equals(stored)) {
            return current;
        }
        boolean onlyMembers = next.withMembers(stored.group(), stored.moderators(), stored.participants()).equals(stored);
        if (!onlyMembers) {
            repository.update(id, next, lookup.district(next.district()), clock.instant());
        } else if (!Objects.equals(stored.group(), next.group())) {
            repository.updateGroup(id, next.group());
        }
        ProjectRepository.Links links = repository.links();
        links.replaceChanged(id, stored, next);
        links.write();
        if (onlyMembers) {
            events.publishEvent(new MembershipChanged("project members"));
        } else {
            events.publishEvent(new ProjectChanged(stored.kind()));
            if (next.kind() != stored.kind()) {
                events.publishEvent(new ProjectChanged(next.kind()));
            }
        }
        return find(id, null, false);
    }

    @Transactional
    public void delete(long id, Actor actor, Kind onlyKind) {
        StoredProject current = find(id, onlyKind, true);
        access.requireManages(actor, List.of(current.project().organisation()));
        repository.delete(List.of(id));
        events.publishEvent(new ProjectChanged(current.project().kind()));
    }

    /** Deletes these projects (unknown ids are skipped) in one transaction; one event per kind. Returns how many. */
    @Transactional
    public int deleteAll(Collection<Long> ids, Actor actor) {
        if (ids.isEmpty()) {
            return 0;
        }
        Map<Long, ProjectRepository.Owner> owners = repository.lock(ids);
        access.requireManages(actor, owners.values().stream().map(ProjectRepository.Owner::organisation).collect(Collectors.toSet()));
        repository.delete(owners.keySet());
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        owners.values().forEach(owner -> kinds.add(owner.kind()));
        kinds.forEach(kind -> events.publishEvent(new ProjectChanged(kind)));
        return owners.size();
    }

    // ---------------------------------------------------------------- internals

    private List<Long> insertAll(List<ProjectInput> inputs, Actor actor) {
        Lookup lookup = lookup(inputs);
        Slugs slugs = new Slugs(client);
        List<String> slugOf = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ProjectInput input = inputs.get(i);
            FieldErrors errors = validate(input, lookup);
            String slug = input.slug();
            if (slug != null && !errors.has("slug")) {
                if (slugs.isTaken(slug, null)) {
                    throw duplicateSlug();
                }
                slugs.reserve(slug);
            }
            errors.throwIfAny("project", i, inputs.size());
            slugOf.add(slug == null ? slugs.generate(input.name()) : slug);
        }
        access.requireManages(actor, inputs.stream().map(ProjectInput::organisation).collect(Collectors.toSet()));
        List<Instant> created = Rows.inInputOrder(clock.instant(), inputs.size());
        List<Long> ids = new ArrayList<>();
        ProjectRepository.Links links = repository.links();
        for (int i = 0; i < inputs.size(); i++) {
            ProjectInput input = inputs.get(i);
            long id = repository.insert(input, slugOf.get(i), lookup.district(input.district()), created.get(i));
            ids.add(id);
            links.add(id, input);
        }
        links.write();
        return ids;
    }

    private static ApiException duplicateSlug() {
        return new ApiException(HttpStatus.CONFLICT, "A project with this slug already exists.", Map.of("slug", "is already taken"));
    }

    /** Reference data and existing ids for a set of inputs: a few statements for a whole batch. */
    private record Lookup(Map<String, Long> districts, Set<String> topics, Set<Long> organisations, Set<Long> users,
                          Set<Long> plans, Set<Long> groups) {
        Long district(String code) {
            return code == null ? null : districts.get(code);
        }
    }

    private Lookup lookup(List<ProjectInput> inputs) {
        Set<Long> organisations = new HashSet<>();
        Set<Long> users = new HashSet<>();
        Set<Long> plans = new HashSet<>();
        Set<Long> groups = new HashSet<>();
        for (ProjectInput input : inputs) {
            if (input.organisation() != null) {
                organisations.add(input.organisation());
            }
            users.addAll(input.moderators());
            users.addAll(input.participants());
            plans.addAll(input.plans());
            if (input.group() != null) {
                groups.add(input.group());
            }
        }
        return new Lookup(references.districts(), references.topics(), references.existing("organisation", organisations),
                references.existing("app_user", users), references.existing("plan", plans), references.existing("user_group", groups));
    }

    /** The record's own rules (Bean Validation of its JSON shape), then those that need the database. */
    private FieldErrors validate(ProjectInput input, Lookup lookup) {
        FieldErrors errors = new FieldErrors(binding.violations(ProjectJson.of(input, ZoneOffset.UTC)));
        if (input.kind() == null) {
            errors.add("kind", FieldMessages.REQUIRED);
        } else if (input.kind().isExternal() && input.externalUrl().isBlank()) {
            errors.add("external_url", "is required for kind " + input.kind());
        }
        if (input.organisation() != null && !lookup.organisations.contains(input.organisation())) {
            errors.add("organisation", "unknown organisation");
        }
        ReferenceChecks.district(input.district(), lookup.districts, errors);
        ReferenceChecks.topics(input.topics(), lookup.topics, errors);
        if (input.group() != null && !lookup.groups.contains(input.group())) {
            errors.add("group", "unknown group");
        }
        ReferenceChecks.ids("moderators", input.moderators(), lookup.users, "user", errors);
        ReferenceChecks.ids("participants", input.participants(), lookup.users, "user", errors);
        ReferenceChecks.ids("plans", input.plans(), lookup.plans, "plan", errors);
        return errors;
    }

    /** One project (its row locked for the transaction when {@code lock}); 404 when unknown or not of {@code onlyKind}. */
    private StoredProject find(long id, Kind onlyKind, boolean lock) {
        if (lock && repository.lock(List.of(id)).isEmpty()) {
            throw ApiException.notFound();
        }
        return repository.find(id).filter(p -> onlyKind == null || p.project().kind() == onlyKind)
                .orElseThrow(ApiException::notFound);
    }
}

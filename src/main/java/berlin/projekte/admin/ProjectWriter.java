package berlin.projekte.admin;

import berlin.projekte.Rows;
import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.places.Images;
import berlin.projekte.projects.Access;
import berlin.projekte.projects.Kind;
import berlin.projekte.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and deleting projects (with their modules, phases, topics, members and plan
 * links): each public method is one transaction, validates everything before writing anything,
 * and raises {@link ProjectChanged} for the kind(s) concerned. Callable without HTTP (devtools):
 * {@link #createAll} creates many projects with a handful of statements per project.
 */
@Service
public class ProjectWriter {

    private static final String COLUMNS = "p.id, p.name, p.slug, p.description, p.information, p.access, p.kind, p.external_url,"
            + " p.is_draft, p.is_archived, p.organisation_id, d.short_code, p.lon, p.lat, p.street, p.house_number, p.zip_code,"
            + " p.tile_image, p.tile_image_alt_text, p.tile_image_copyright, p.image, p.image_alt_text, p.image_copyright,"
            + " p.group_id, p.created, p.modified";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final References references;
    private final WriteAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ProjectWriter(JdbcTemplate jdbc, JdbcClient client, References references, WriteAccess access, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.client = client;
        this.references = references;
        this.access = access;
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
        List<Object> args = new ArrayList<>();
        StringBuilder condition = new StringBuilder("1 = 1");
        if (onlyKind != null) {
            condition.append(" and p.kind = ?");
            args.add(onlyKind.name());
        }
        if (!actor.superuser()) {
            if (actor.userId() == null || access.initiated(actor).isEmpty()) {
                throw WriteAccess.forbidden();
            }
            condition.append(" and p.organisation_id in (select organisation_id from organisation_initiator where user_id = ?)");
            args.add(actor.userId());
        }
        return load(condition.toString(), args.toArray());
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
        Slugs slugs = new Slugs(jdbc);
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
            jdbc.update("update project set name = ?, slug = ?, description = ?, information = ?, access = ?, is_draft = ?,"
                            + " is_archived = ?, modified = ?, organisation_id = ?, district_id = ?, lon = ?, lat = ?, street = ?,"
                            + " house_number = ?, zip_code = ?, tile_image = ?, tile_image_alt_text = ?, tile_image_copyright = ?,"
                            + " image = ?, image_alt_text = ?, image_copyright = ?, kind = ?, external_url = ?, group_id = ? where id = ?",
                    ps -> {
                        int i = setFields(ps, next, slug, lookup, clock.instant());
                        ps.setLong(i, id);
                    });
        } else if (!Objects.equals(stored.group(), next.group())) {
            jdbc.update("update project set group_id = ? where id = ?", next.group(), id);
        }
        Relations relations = new Relations();
        relations.replaceChanged(id, stored, next);
        relations.write();
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
        jdbc.update("delete from project where id = ?", id);
        events.publishEvent(new ProjectChanged(current.project().kind()));
    }

    /** Deletes these projects (unknown ids are skipped) in one transaction; one event per kind. Returns how many. */
    @Transactional
    public int deleteAll(Collection<Long> ids, Actor actor) {
        if (ids.isEmpty()) {
            return 0;
        }
        Map<Long, Long> organisations = new HashMap<>();
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        List<Long> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += 1000) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            String in = String.join(",", chunk.stream().map(x -> "?").toList());
            jdbc.query("select id, organisation_id, kind from project where id in (" + in + ") for update", rs -> {
                organisations.put(rs.getLong(1), rs.getLong(2));
                kinds.add(Kind.valueOf(rs.getString(3)));
            }, chunk.toArray());
        }
        access.requireManages(actor, new HashSet<>(organisations.values()));
        List<Object[]> rows = organisations.keySet().stream().map(id -> new Object[] {id}).toList();
        jdbc.batchUpdate("delete from project where id = ?", rows);
        kinds.forEach(kind -> events.publishEvent(new ProjectChanged(kind)));
        return rows.size();
    }

    // ---------------------------------------------------------------- internals

    private List<Long> insertAll(List<ProjectInput> inputs, Actor actor) {
        Lookup lookup = lookup(inputs);
        Slugs slugs = new Slugs(jdbc);
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
            if (!errors.isEmpty() && inputs.size() > 1) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid project #" + i + ": "
                        + String.join(", ", errors.asMap().keySet()) + ".", errors.asMap());
            }
            errors.throwIfAny();
            slugOf.add(slug == null ? slugs.generate(input.name()) : slug);
        }
        access.requireManages(actor, inputs.stream().map(ProjectInput::organisation).collect(java.util.stream.Collectors.toSet()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Long> ids = new ArrayList<>();
        Relations relations = new Relations();
        for (int i = 0; i < inputs.size(); i++) {
            ProjectInput input = inputs.get(i);
            String slug = slugOf.get(i);
            Instant created = now.minus(inputs.size() - 1 - i, ChronoUnit.MICROS);
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                var ps = connection.prepareStatement("insert into project (name, slug, description, information, access, is_draft,"
                        + " is_archived, modified, organisation_id, district_id, lon, lat, street, house_number, zip_code, tile_image,"
                        + " tile_image_alt_text, tile_image_copyright, image, image_alt_text, image_copyright, kind, external_url,"
                        + " group_id, created) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        new String[] {"id"});
                int next = setFields(ps, input, slug, lookup, null);
                ps.setObject(next, ts(created));
                return ps;
            }, key);
            long id = key.getKey().longValue();
            ids.add(id);
            relations.add(id, input.modules() == null ? input.withModules(List.of()) : input);
        }
        relations.write();
        return ids;
    }

    /** Sets the 24 columns name..group_id from position 1. Returns the next position. */
    private static int setFields(java.sql.PreparedStatement ps, ProjectInput input, String slug, Lookup lookup, Instant modified)
            throws SQLException {
        int i = 1;
        ps.setString(i++, input.name());
        ps.setString(i++, slug);
        ps.setString(i++, input.description());
        ps.setString(i++, input.information());
        ps.setString(i++, input.access().name());
        ps.setBoolean(i++, input.draft());
        ps.setBoolean(i++, input.archived());
        if (modified == null) {
            ps.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i++, ts(modified));
        }
        ps.setLong(i++, input.organisation());
        setLong(ps, i++, input.district() == null ? null : lookup.districts.get(input.district()));
        setDouble(ps, i++, input.point() == null ? null : input.point().lon());
        setDouble(ps, i++, input.point() == null ? null : input.point().lat());
        ps.setString(i++, input.address().street());
        ps.setString(i++, input.address().houseNumber());
        ps.setString(i++, input.address().zipCode());
        Images images = input.images();
        ps.setString(i++, images.tile());
        ps.setString(i++, images.tileAltText());
        ps.setString(i++, images.tileCopyright());
        ps.setString(i++, images.header());
        ps.setString(i++, images.headerAltText());
        ps.setString(i++, images.headerCopyright());
        ps.setString(i++, input.kind().name());
        ps.setString(i++, input.externalUrl());
        setLong(ps, i++, input.group());
        return i;
    }

    private static void setLong(java.sql.PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private static void setDouble(java.sql.PreparedStatement ps, int i, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, value);
        }
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static ApiException duplicateSlug() {
        return new ApiException(HttpStatus.CONFLICT, "A project with this slug already exists.", Map.of("slug", "is already taken"));
    }

    /** The relation rows of one unit of work, written with one batch per table. */
    private final class Relations {
        private final List<Object[]> topics = new ArrayList<>();
        private final List<Object[]> moderators = new ArrayList<>();
        private final List<Object[]> participants = new ArrayList<>();
        private final List<Object[]> plans = new ArrayList<>();
        private final List<Object[]> phases = new ArrayList<>();

        void add(long project, ProjectInput input) {
            input.topics().forEach(t -> topics.add(new Object[] {project, t}));
            addMembers(project, input);
            input.plans().forEach(p -> plans.add(new Object[] {p, project}));
            addModules(project, input.modules());
        }

        private void addModules(long project, List<ProjectInput.ModuleInput> modules) {
            for (ProjectInput.ModuleInput module : modules) {
                KeyHolder key = new GeneratedKeyHolder();
                client.sql("insert into module (project_id, name, weight, is_draft) values (?, ?, ?, ?)")
                        .params(project, module.name(), module.weight(), module.draft()).update(key, "id");
                long moduleId = key.getKey().longValue();
                for (ProjectInput.PhaseInput phase : module.phases()) {
                    phases.add(new Object[] {moduleId, phase.name(), phase.type(), phase.weight(), ts(phase.start()), ts(phase.end())});
                }
            }
        }

        /** Deletes and re-adds only the links (and modules) that differ between {@code stored} and {@code next}. */
        void replaceChanged(long project, ProjectInput stored, ProjectInput next) {
            if (!stored.topics().equals(next.topics())) {
                jdbc.update("delete from project_topic where project_id = ?", project);
                next.topics().forEach(t -> topics.add(new Object[] {project, t}));
            }
            if (!stored.moderators().equals(next.moderators())) {
                jdbc.update("delete from project_moderator where project_id = ?", project);
                next.moderators().forEach(u -> moderators.add(new Object[] {project, u}));
            }
            if (!stored.participants().equals(next.participants())) {
                jdbc.update("delete from project_participant where project_id = ?", project);
                next.participants().forEach(u -> participants.add(new Object[] {project, u}));
            }
            if (!stored.plans().equals(next.plans())) {
                jdbc.update("delete from plan_project where project_id = ?", project);
                next.plans().forEach(p -> plans.add(new Object[] {p, project}));
            }
            if (!stored.modules().equals(next.modules())) {
                jdbc.update("delete from module where project_id = ?", project);
                addModules(project, next.modules());
            }
        }

        void addMembers(long project, ProjectInput input) {
            input.moderators().forEach(u -> moderators.add(new Object[] {project, u}));
            input.participants().forEach(u -> participants.add(new Object[] {project, u}));
        }

        void write() {
            batch("insert into project_topic (project_id, topic_code) values (?, ?)", topics);
            batch("insert into project_moderator (project_id, user_id) values (?, ?)", moderators);
            batch("insert into project_participant (project_id, user_id) values (?, ?)", participants);
            batch("insert into plan_project (plan_id, project_id) values (?, ?)", plans);
            batch("insert into phase (module_id, name, type, weight, start_date, end_date) values (?, ?, ?, ?, ?, ?)", phases);
        }

        private void batch(String sql, List<Object[]> rows) {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(sql, rows);
            }
        }
    }

    /** Reference data and existing ids for a set of inputs: a few statements for a whole batch. */
    private record Lookup(Map<String, Long> districts, Set<String> topics, Set<Long> organisations, Set<Long> users,
                          Set<Long> plans, Set<Long> groups) {
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

    private static FieldErrors validate(ProjectInput input, Lookup lookup) {
        FieldErrors errors = new FieldErrors();
        errors.text("name", input.name(), true, 255);
        if (input.slug() != null) {
            errors.text("slug", input.slug(), true, 255);
            if (!Slugs.VALID.matcher(input.slug()).matches()) {
                errors.add("slug", "must be lowercase letters, digits and single hyphens");
            }
        }
        errors.text("description", input.description(), false, 5000);
        errors.text("information", input.information(), false, 200_000);
        if (input.access() == null) {
            errors.add("access", "is required");
        }
        if (input.kind() == null) {
            errors.add("kind", "is required");
        }
        Checks.url("external_url", input.externalUrl(), 500, errors);
        if (input.kind() != null && input.kind().isExternal() && input.externalUrl().isBlank()) {
            errors.add("external_url", "is required for kind " + input.kind());
        }
        if (input.organisation() == null) {
            errors.add("organisation", "is required");
        } else if (!lookup.organisations.contains(input.organisation())) {
            errors.add("organisation", "unknown organisation");
        }
        Checks.district(input.district(), lookup.districts, errors);
        Checks.topics(input.topics(), lookup.topics, errors);
        if (input.point() != null) {
            input.point().validate("point", errors);
        }
        input.address().validate(errors);
        Checks.images(input.images(), errors);
        if (input.group() != null && !lookup.groups.contains(input.group())) {
            errors.add("group", "unknown group");
        }
        unknown("moderators", input.moderators(), lookup.users, "user", errors);
        unknown("participants", input.participants(), lookup.users, "user", errors);
        unknown("plans", input.plans(), lookup.plans, "plan", errors);
        if (input.modules() != null) {
            for (int m = 0; m < input.modules().size(); m++) {
                ProjectInput.ModuleInput module = input.modules().get(m);
                String path = "modules[" + m + "]";
                if (module == null) {
                    errors.add(path, "is required");
                    continue;
                }
                errors.text(path + ".name", module.name(), true, 255);
                for (int p = 0; p < module.phases().size(); p++) {
                    ProjectInput.PhaseInput phase = module.phases().get(p);
                    String phasePath = path + ".phases[" + p + "]";
                    if (phase == null) {
                        errors.add(phasePath, "is required");
                        continue;
                    }
                    errors.text(phasePath + ".name", phase.name(), true, 255);
                    errors.text(phasePath + ".type", phase.type(), false, 100);
                    Checks.date(phasePath + ".start_date", phase.start(), errors);
                    Checks.date(phasePath + ".end_date", phase.end(), errors);
                    if (phase.start() != null && phase.end() != null && phase.end().isBefore(phase.start())) {
                        errors.add(phasePath + ".end_date", "must not be before start_date");
                    }
                }
            }
        }
        return errors;
    }

    private static void unknown(String field, List<Long> ids, Set<Long> existing, String what, FieldErrors errors) {
        List<String> missing = ids.stream().filter(id -> id == null || !existing.contains(id)).map(String::valueOf).toList();
        if (!missing.isEmpty()) {
            errors.add(field, "unknown " + what + ": " + String.join(", ", missing));
        }
    }

    private StoredProject find(long id, Kind onlyKind, boolean lock) {
        if (lock) {
            // Serialise concurrent writes to one project.
            List<Long> locked = jdbc.queryForList("select id from project where id = ? for update", Long.class, id);
            if (locked.isEmpty()) {
                throw ApiException.notFound();
            }
        }
        List<StoredProject> found = load("p.id = ?", id);
        if (found.isEmpty() || (onlyKind != null && found.get(0).project().kind() != onlyKind)) {
            throw ApiException.notFound();
        }
        return found.get(0);
    }

    /** Projects matching a condition on alias {@code p}, with everything they carry: seven statements in all. */
    private List<StoredProject> load(String condition, Object... args) {
        String ids = "select p.id from project p where " + condition;
        Map<Long, List<String>> topics = new HashMap<>();
        jdbc.query("select project_id, topic_code from project_topic where project_id in (" + ids + ") order by topic_code",
                rs -> { topics.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); }, args);
        Map<Long, List<Long>> moderators = longs("select project_id, user_id from project_moderator where project_id in (" + ids
                + ") order by user_id", args);
        Map<Long, List<Long>> participants = longs("select project_id, user_id from project_participant where project_id in (" + ids
                + ") order by user_id", args);
        Map<Long, List<Long>> plans = longs("select project_id, plan_id from plan_project where project_id in (" + ids
                + ") order by plan_id", args);
        Map<Long, List<ProjectInput.PhaseInput>> phases = new HashMap<>();
        jdbc.query("select ph.module_id, ph.name, ph.type, ph.weight, ph.start_date, ph.end_date from phase ph"
                        + " join module m on m.id = ph.module_id where m.project_id in (" + ids + ") order by ph.weight, ph.id",
                rs -> {
                    phases.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ProjectInput.PhaseInput(rs.getString(2),
                            rs.getString(3), rs.getInt(4), Rows.instant(rs, 5), Rows.instant(rs, 6)));
                }, args);
        Map<Long, List<ProjectInput.ModuleInput>> modules = new HashMap<>();
        jdbc.query("select m.project_id, m.id, m.name, m.weight, m.is_draft from module m where m.project_id in (" + ids
                        + ") order by m.weight, m.id",
                rs -> {
                    modules.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ProjectInput.ModuleInput(rs.getString(3),
                            rs.getInt(4), rs.getBoolean(5), phases.getOrDefault(rs.getLong(2), List.of())));
                }, args);
        return jdbc.query("select " + COLUMNS + " from project p left join district d on d.id = p.district_id where " + condition
                + " order by p.id", (rs, n) -> {
                    long id = rs.getLong(1);
                    ProjectInput input = new ProjectInput(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Access.valueOf(rs.getString(6)), Kind.valueOf(rs.getString(7)), rs.getString(8), rs.getBoolean(9),
                            rs.getBoolean(10), rs.getLong(11), rs.getString(12), topics.getOrDefault(id, List.of()), point(rs, 13),
                            new Address(rs.getString(15), rs.getString(16), rs.getString(17)),
                            new Images(rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22),
                                    rs.getString(23)),
                            nullableLong(rs, 24), moderators.getOrDefault(id, List.of()), participants.getOrDefault(id, List.of()),
                            plans.getOrDefault(id, List.of()), modules.getOrDefault(id, List.of()));
                    return new StoredProject(id, input, Rows.instant(rs, 25), Rows.instant(rs, 26));
                }, args);
    }

    private Map<Long, List<Long>> longs(String sql, Object... args) {
        Map<Long, List<Long>> result = new LinkedHashMap<>();
        jdbc.query(sql, rs -> { result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); }, args);
        return result;
    }

    static Coordinates point(ResultSet rs, int column) throws SQLException {
        double lon = rs.getDouble(column);
        if (rs.wasNull()) {
            return null;
        }
        return new Coordinates(lon, rs.getDouble(column + 1));
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

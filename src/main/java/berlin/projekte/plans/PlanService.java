package berlin.projekte.plans;

import berlin.projekte.Rows;
import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.places.Address;
import berlin.projekte.places.Checks;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.places.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and deleting plans (with their topics and links to projects): one
 * transaction per public method, everything validated before anything is written, then
 * {@link PlanChanged}. Callable without HTTP; {@link #createAll} for many plans at once.
 */
@Service
public class PlanService {

    private static final String COLUMNS = "pl.id, pl.title, pl.organisation_id, pl.lon, pl.lat, pl.street, pl.house_number,"
            + " pl.zip_code, pl.point_label, d.short_code, pl.cost, pl.description, pl.tile_image, pl.tile_image_alt_text,"
            + " pl.tile_image_copyright, pl.image, pl.image_alt_text, pl.image_copyright, pl.status, pl.participation,"
            + " pl.is_draft, pl.created, pl.modified";

    private static final String TOPIC_LINK = "insert into plan_topic (plan_id, topic_code) values (?, ?)";
    private static final String PROJECT_LINK = "insert into plan_project (plan_id, project_id) values (?, ?)";

    private final JdbcTemplate jdbc;
    private final ReferenceData references;
    private final WriteAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public PlanService(JdbcTemplate jdbc, ReferenceData references, WriteAccess access, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.references = references;
        this.access = access;
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
            return load("1 = 1");
        }
        if (actor.userId() == null || access.initiated(actor).isEmpty()) {
            throw WriteAccess.forbidden();
        }
        return load("pl.organisation_id in (select organisation_id from organisation_initiator where user_id = ?)", actor.userId());
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
        jdbc.update("update plan set title = ?, organisation_id = ?, lon = ?, lat = ?, street = ?, house_number = ?, zip_code = ?,"
                + " point_label = ?, district_id = ?, cost = ?, description = ?, tile_image = ?, tile_image_alt_text = ?,"
                + " tile_image_copyright = ?, image = ?, image_alt_text = ?, image_copyright = ?, status = ?, participation = ?,"
                + " is_draft = ?, modified = ? where id = ?", ps -> {
                    int i = setFields(ps, input, lookup);
                    ps.setObject(i++, Rows.timestamp(clock.instant()));
                    ps.setLong(i, id);
                });
        if (!input.topics().equals(stored.topics())) {
            jdbc.update("delete from plan_topic where plan_id = ?", id);
            insertLinks(TOPIC_LINK, id, input.topics());
        }
        if (!input.projects().equals(stored.projects())) {
            jdbc.update("delete from plan_project where plan_id = ?", id);
            insertLinks(PROJECT_LINK, id, input.projects());
        }
        events.publishEvent(new PlanChanged());
        return find(id, false);
    }

    @Transactional
    public void delete(long id, Actor actor) {
        StoredPlan current = find(id, true);
        access.requireManages(actor, List.of(current.plan().organisation()));
        jdbc.update("delete from plan where id = ?", id);
        events.publishEvent(new PlanChanged());
    }

    /** Deletes these plans (unknown ids are skipped) in one transaction, one event. Returns how many. */
    @Transactional
    public int deleteAll(Collection<Long> ids, Actor actor) {
        if (ids.isEmpty()) {
            return 0;
        }
        Map<Long, Long> organisations = new HashMap<>();
        List<Long> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += 1000) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            String in = String.join(",", chunk.stream().map(x -> "?").toList());
            jdbc.query("select id, organisation_id from plan where id in (" + in + ") for update",
                    rs -> { organisations.put(rs.getLong(1), rs.getLong(2)); }, chunk.toArray());
        }
        access.requireManages(actor, new HashSet<>(organisations.values()));
        List<Object[]> rows = organisations.keySet().stream().map(id -> new Object[] {id}).toList();
        jdbc.batchUpdate("delete from plan where id = ?", rows);
        if (!rows.isEmpty()) {
            events.publishEvent(new PlanChanged());
        }
        return rows.size();
    }

    private List<Long> insertAll(List<PlanInput> inputs, Actor actor) {
        Lookup lookup = lookup(inputs);
        for (int i = 0; i < inputs.size(); i++) {
            FieldErrors errors = validate(inputs.get(i), lookup);
            if (!errors.isEmpty() && inputs.size() > 1) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid plan #" + i + ": "
                        + String.join(", ", errors.asMap().keySet()) + ".", errors.asMap());
            }
            errors.throwIfAny();
        }
        access.requireManages(actor, inputs.stream().map(PlanInput::organisation).collect(Collectors.toSet()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Long> ids = new ArrayList<>();
        for (int n = 0; n < inputs.size(); n++) {
            PlanInput input = inputs.get(n);
            Instant created = now.minus(inputs.size() - 1 - n, ChronoUnit.MICROS);
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement ps = connection.prepareStatement("insert into plan (title, organisation_id, lon, lat, street,"
                        + " house_number, zip_code, point_label, district_id, cost, description, tile_image, tile_image_alt_text,"
                        + " tile_image_copyright, image, image_alt_text, image_copyright, status, participation, is_draft, created)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
                int i = setFields(ps, input, lookup);
                ps.setObject(i, Rows.timestamp(created));
                return ps;
            }, key);
            ids.add(key.getKey().longValue());
        }
        writeRelations(ids, inputs);
        return ids;
    }

    private void insertLinks(String sql, long plan, List<?> values) {
        if (!values.isEmpty()) {
            jdbc.batchUpdate(sql, values.stream().map(v -> new Object[] {plan, v}).toList());
        }
    }

    private void writeRelations(List<Long> ids, List<PlanInput> inputs) {
        List<Object[]> topics = new ArrayList<>();
        List<Object[]> projects = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            inputs.get(i).topics().forEach(t -> topics.add(new Object[] {id, t}));
            inputs.get(i).projects().forEach(p -> projects.add(new Object[] {id, p}));
        }
        if (!topics.isEmpty()) {
            jdbc.batchUpdate(TOPIC_LINK, topics);
        }
        if (!projects.isEmpty()) {
            jdbc.batchUpdate(PROJECT_LINK, projects);
        }
    }

    private static int setFields(PreparedStatement ps, PlanInput input, Lookup lookup) throws SQLException {
        int i = 1;
        ps.setString(i++, input.title());
        ps.setLong(i++, input.organisation());
        if (input.point() == null) {
            ps.setNull(i++, Types.DOUBLE);
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, input.point().lon());
            ps.setDouble(i++, input.point().lat());
        }
        ps.setString(i++, input.address().street());
        ps.setString(i++, input.address().houseNumber());
        ps.setString(i++, input.address().zipCode());
        ps.setString(i++, input.pointLabel());
        Long district = input.district() == null ? null : lookup.districts.get(input.district());
        if (district == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, district);
        }
        ps.setString(i++, input.cost());
        ps.setString(i++, input.description());
        Images images = input.images();
        ps.setString(i++, images.tile());
        ps.setString(i++, images.tileAltText());
        ps.setString(i++, images.tileCopyright());
        ps.setString(i++, images.header());
        ps.setString(i++, images.headerAltText());
        ps.setString(i++, images.headerCopyright());
        ps.setInt(i++, input.status());
        ps.setInt(i++, input.participation());
        ps.setBoolean(i++, input.draft());
        return i;
    }

    private record Lookup(Map<String, Long> districts, Set<String> topics, Set<Long> organisations, Set<Long> projects) {
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

    private static FieldErrors validate(PlanInput input, Lookup lookup) {
        FieldErrors errors = new FieldErrors();
        errors.text("title", input.title(), true, 255);
        if (input.organisation() == null) {
            errors.add("organisation", "is required");
        } else if (!lookup.organisations.contains(input.organisation())) {
            errors.add("organisation", "unknown organisation");
        }
        if (input.point() != null) {
            input.point().validate("point", errors);
        }
        input.address().validate(errors);
        errors.text("point_label", input.pointLabel(), false, 255);
        Checks.district(input.district(), lookup.districts, errors);
        errors.text("cost", input.cost(), false, 255);
        errors.text("description", input.description(), false, 200_000);
        Checks.images(input.images(), errors);
        Checks.topics(input.topics(), lookup.topics, errors);
        if (input.status() != 0 && input.status() != 1) {
            errors.add("status", "must be 0 (running) or 1 (done)");
        }
        if (input.participation() < 0 || input.participation() > 3) {
            errors.add("participation", "must be 0 (information), 1 (consultation), 2 (cooperation) or 3 (decision-making)");
        }
        List<String> missing = input.projects().stream().filter(id -> id == null || !lookup.projects.contains(id))
                .map(String::valueOf).toList();
        if (!missing.isEmpty()) {
            errors.add("projects", "unknown project: " + String.join(", ", missing));
        }
        return errors;
    }

    private StoredPlan find(long id, boolean lock) {
        if (lock && jdbc.queryForList("select id from plan where id = ? for update", Long.class, id).isEmpty()) {
            throw ApiException.notFound();
        }
        List<StoredPlan> found = load("pl.id = ?", id);
        if (found.isEmpty()) {
            throw ApiException.notFound();
        }
        return found.get(0);
    }

    private List<StoredPlan> load(String condition, Object... args) {
        String ids = "select pl.id from plan pl where " + condition;
        Map<Long, List<String>> topics = new HashMap<>();
        jdbc.query("select plan_id, topic_code from plan_topic where plan_id in (" + ids + ") order by topic_code",
                rs -> { topics.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); }, args);
        Map<Long, List<Long>> projects = new HashMap<>();
        jdbc.query("select plan_id, project_id from plan_project where plan_id in (" + ids + ") order by project_id",
                rs -> { projects.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); }, args);
        return jdbc.query("select " + COLUMNS + " from plan pl left join district d on d.id = pl.district_id where " + condition
                + " order by pl.id", (rs, n) -> {
                    long id = rs.getLong(1);
                    PlanInput plan = new PlanInput(rs.getString(2), rs.getLong(3), Coordinates.read(rs, 4),
                            new Address(rs.getString(6), rs.getString(7), rs.getString(8)), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), new Images(rs.getString(13), rs.getString(14), rs.getString(15),
                                    rs.getString(16), rs.getString(17), rs.getString(18)),
                            topics.getOrDefault(id, List.of()), rs.getInt(19), rs.getInt(20), rs.getBoolean(21),
                            projects.getOrDefault(id, List.of()));
                    return new StoredPlan(id, plan, Rows.instant(rs, 22), Rows.instant(rs, 23));
                }, args);
    }
}

package berlin.projekte.projects;

import berlin.projekte.Rows;
import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.places.PlaceColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the project write side: a project's row, its links (topics, members, plans) and its
 * modules with phases. Named parameters throughout; instants bound by {@link Rows#timestamp}.
 * Callers hold the transaction.
 */
@Repository
class ProjectRepository {

    private static final String FIELDS = "name, slug, description, information, access, is_draft, is_archived, organisation_id,"
            + " district_id, lon, lat, street, house_number, zip_code, tile_image, tile_image_alt_text, tile_image_copyright, image,"
            + " image_alt_text, image_copyright, kind, external_url, group_id";
    private static final String COLUMNS = "p.id, p.name, p.slug, p.description, p.information, p.access, p.kind, p.external_url,"
            + " p.is_draft, p.is_archived, p.organisation_id, d.short_code, p.lon, p.lat, p.street, p.house_number, p.zip_code,"
            + " p.tile_image, p.tile_image_alt_text, p.tile_image_copyright, p.image, p.image_alt_text, p.image_copyright,"
            + " p.group_id, p.created, p.modified";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    ProjectRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Inserts the row (not its links); returns its id. */
    long insert(ProjectInput input, String slug, Long district, Instant created) {
        return Rows.insert(jdbc, "project", FIELDS + ", created", fields(input, slug, district).addValue("created", Rows.timestamp(created)));
    }

    void update(long id, ProjectInput input, Long district, Instant modified) {
        Rows.update(jdbc, "project", FIELDS + ", modified",
                fields(input, input.slug(), district).addValue("modified", Rows.timestamp(modified)).addValue("id", id));
    }

    void updateGroup(long id, Long group) {
        jdbc.sql("update project set group_id = :group where id = :id").param("group", group).param("id", id).update();
    }

    private static MapSqlParameterSource fields(ProjectInput input, String slug, Long district) {
        return PlaceColumns.bind(new MapSqlParameterSource(), input.point(), input.address(), input.images())
                .addValue("name", input.name()).addValue("slug", slug).addValue("description", input.description())
                .addValue("information", input.information()).addValue("access", input.access().name())
                .addValue("is_draft", input.draft()).addValue("is_archived", input.archived())
                .addValue("organisation_id", input.organisation()).addValue("district_id", district)
                .addValue("kind", input.kind().name()).addValue("external_url", input.externalUrl()).addValue("group_id", input.group());
    }

    /** Locks these projects' rows for the transaction; their organisation and kind by id (unknown ids are absent). */
    Map<Long, Owner> lock(Collection<Long> ids) {
        Map<Long, Owner> owners = new HashMap<>();
        for (List<Long> chunk : Rows.chunks(new HashSet<>(ids))) {
            jdbc.sql("select id, organisation_id, kind from project where id in (:ids) for update")
                    .param("ids", chunk)
                    .query(rs -> {
                        owners.put(rs.getLong(1), new Owner(rs.getLong(2), Kind.valueOf(rs.getString(3))));
                    });
        }
        return owners;
    }

    record Owner(long organisation, Kind kind) {
    }

    void delete(Collection<Long> ids) {
        for (List<Long> chunk : Rows.chunks(ids)) {
            jdbc.sql("delete from project where id in (:ids)").param("ids", chunk).update();
        }
    }

    /** Collects the link and module rows of one unit of work (on the target, not on a proxy of this bean). */
    Links links() {
        return new Links();
    }

    /** The link and module rows of one unit of work, written with one batch per table by {@link #write}. */
    final class Links {
        private final List<SqlParameterSource> topics = new ArrayList<>();
        private final List<SqlParameterSource> moderators = new ArrayList<>();
        private final List<SqlParameterSource> participants = new ArrayList<>();
        private final List<SqlParameterSource> plans = new ArrayList<>();
        private final List<SqlParameterSource> phases = new ArrayList<>();

        /** Everything a new project links to. */
        void add(long project, ProjectInput input) {
            input.topics().forEach(t -> topics.add(link(project, t)));
            input.moderators().forEach(u -> moderators.add(link(project, u)));
            input.participants().forEach(u -> participants.add(link(project, u)));
            input.plans().forEach(p -> plans.add(link(project, p)));
            addModules(project, input.modules() == null ? List.of() : input.modules());
        }

        /** Deletes and re-adds only the links (and modules) that differ between {@code stored} and {@code next}. */
        void replaceChanged(long project, ProjectInput stored, ProjectInput next) {
            replace("project_topic", project, stored.topics(), next.topics(), topics);
            replace("project_moderator", project, stored.moderators(), next.moderators(), moderators);
            replace("project_participant", project, stored.participants(), next.participants(), participants);
            replace("plan_project", project, stored.plans(), next.plans(), plans);
            if (!stored.modules().equals(next.modules())) {
                jdbc.sql("delete from module where project_id = :project").param("project", project).update();
                addModules(project, next.modules());
            }
        }

        private void replace(String table, long project, List<?> stored, List<?> next, List<SqlParameterSource> rows) {
            if (!stored.equals(next)) {
                jdbc.sql("delete from " + table + " where project_id = :project").param("project", project).update();
                next.forEach(value -> rows.add(link(project, value)));
            }
        }

        private static SqlParameterSource link(long project, Object value) {
            return new MapSqlParameterSource("project", project).addValue("value", value);
        }

        private void addModules(long project, List<ProjectInput.ModuleInput> modules) {
            for (ProjectInput.ModuleInput module : modules) {
                KeyHolder key = new GeneratedKeyHolder();
                jdbc.sql("insert into module (project_id, name, weight, is_draft) values (:project, :name, :weight, :draft)")
                        .param("project", project).param("name", module.name()).param("weight", module.weight())
                        .param("draft", module.draft()).update(key, "id");
                long moduleId = key.getKey().longValue();
                for (ProjectInput.PhaseInput phase : module.phases()) {
                    phases.add(new MapSqlParameterSource("module", moduleId).addValue("name", phase.name()).addValue("type", phase.type())
                            .addValue("weight", phase.weight()).addValue("start", Rows.timestamp(phase.start()))
                            .addValue("end", Rows.timestamp(phase.end())));
                }
            }
        }

        void write() {
            batch("insert into project_topic (project_id, topic_code) values (:project, :value)", topics);
            batch("insert into project_moderator (project_id, user_id) values (:project, :value)", moderators);
            batch("insert into project_participant (project_id, user_id) values (:project, :value)", participants);
            batch("insert into plan_project (plan_id, project_id) values (:value, :project)", plans);
            batch("insert into phase (module_id, name, type, weight, start_date, end_date)"
                    + " values (:module, :name, :type, :weight, :start, :end)", phases);
        }

        private void batch(String sql, List<SqlParameterSource> rows) {
            if (!rows.isEmpty()) {
                batches.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
            }
        }
    }

    /** One project, with everything it carries. */
    java.util.Optional<StoredProject> find(long id) {
        return load("p.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Projects matching a condition on alias {@code p} with named parameters, with everything they carry: six statements in all. */
    List<StoredProject> load(String condition, Map<String, ?> params) {
        String ids = "select p.id from project p where " + condition;
        Map<Long, List<String>> topics = Rows.grouped(jdbc, "select project_id, topic_code from project_topic where project_id in ("
                + ids + ") order by topic_code", params, (rs, n) -> rs.getString(2));
        Map<Long, List<Long>> moderators = longs("select project_id, user_id from project_moderator where project_id in (" + ids
                + ") order by user_id", params);
        Map<Long, List<Long>> participants = longs("select project_id, user_id from project_participant where project_id in (" + ids
                + ") order by user_id", params);
        Map<Long, List<Long>> plans = longs("select project_id, plan_id from plan_project where project_id in (" + ids
                + ") order by plan_id", params);
        Map<Long, List<ProjectInput.ModuleInput>> modules = modules(ids, params);
        return jdbc.sql("select " + COLUMNS + " from project p left join district d on d.id = p.district_id where " + condition
                + " order by p.id").params(params).query((rs, n) -> {
                    long id = rs.getLong(1);
                    long groupId = rs.getLong(24);
                    Long group = rs.wasNull() ? null : groupId;
                    ProjectInput input = new ProjectInput(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Access.valueOf(rs.getString(6)), Kind.valueOf(rs.getString(7)), rs.getString(8), rs.getBoolean(9),
                            rs.getBoolean(10), rs.getLong(11), rs.getString(12), topics.getOrDefault(id, List.of()),
                            Coordinates.read(rs, 13), new Address(rs.getString(15), rs.getString(16), rs.getString(17)),
                            new Images(rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21), rs.getString(22),
                                    rs.getString(23)),
                            group, moderators.getOrDefault(id, List.of()),
                            participants.getOrDefault(id, List.of()), plans.getOrDefault(id, List.of()), modules.getOrDefault(id, List.of()));
                    return new StoredProject(id, input, Rows.instant(rs, 25), Rows.instant(rs, 26));
                }).list();
    }

    private Map<Long, List<ProjectInput.ModuleInput>> modules(String ids, Map<String, ?> params) {
        Map<Long, List<ProjectInput.PhaseInput>> phases = new HashMap<>();
        jdbc.sql("select ph.module_id, ph.name, ph.type, ph.weight, ph.start_date, ph.end_date from phase ph"
                        + " join module m on m.id = ph.module_id where m.project_id in (" + ids + ") order by ph.weight, ph.id")
                .params(params).query(rs -> {
                    phases.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ProjectInput.PhaseInput(rs.getString(2),
                            rs.getString(3), rs.getInt(4), Rows.instant(rs, 5), Rows.instant(rs, 6)));
                });
        Map<Long, List<ProjectInput.ModuleInput>> modules = new HashMap<>();
        jdbc.sql("select m.project_id, m.id, m.name, m.weight, m.is_draft from module m where m.project_id in (" + ids
                        + ") order by m.weight, m.id")
                .params(params).query(rs -> {
                    modules.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ProjectInput.ModuleInput(rs.getString(3),
                            rs.getInt(4), rs.getBoolean(5), phases.getOrDefault(rs.getLong(2), List.of())));
                });
        return modules;
    }

    private Map<Long, List<Long>> longs(String sql, Map<String, ?> params) {
        return Rows.grouped(jdbc, sql, params, (rs, n) -> rs.getLong(2));
    }
}

package berlin.projekte.plans;

import berlin.projekte.Rows;
import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import berlin.projekte.places.PlaceColumns;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the plan write side: a plan's row and its links (topics, projects). Named parameters; callers hold the transaction. */
@Repository
class PlanRepository {

    private static final String FIELDS = "title, organisation_id, lon, lat, street, house_number, zip_code, point_label, district_id,"
            + " cost, description, tile_image, tile_image_alt_text, tile_image_copyright, image, image_alt_text, image_copyright,"
            + " status, participation, is_draft";
    private static final String COLUMNS = "pl.id, pl.title, pl.organisation_id, pl.lon, pl.lat, pl.street, pl.house_number,"
            + " pl.zip_code, pl.point_label, d.short_code, pl.cost, pl.description, pl.tile_image, pl.tile_image_alt_text,"
            + " pl.tile_image_copyright, pl.image, pl.image_alt_text, pl.image_copyright, pl.status, pl.participation,"
            + " pl.is_draft, pl.created, pl.modified";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    PlanRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    long insert(PlanInput input, Long district, Instant created) {
        long id = Rows.insert(jdbc, "plan", FIELDS + ", created", fields(input, district).addValue("created", Rows.timestamp(created)));
        insertLinks("plan_topic", "topic_code", id, input.topics());
        insertLinks("plan_project", "project_id", id, input.projects());
        return id;
    }

    /** Writes the row, and the links that differ from {@code stored}. */
    void update(long id, PlanInput stored, PlanInput input, Long district, Instant modified) {
        Rows.update(jdbc, "plan", FIELDS + ", modified", fields(input, district).addValue("modified", Rows.timestamp(modified)).addValue("id", id));
        if (!input.topics().equals(stored.topics())) {
            jdbc.sql("delete from plan_topic where plan_id = :plan").param("plan", id).update();
            insertLinks("plan_topic", "topic_code", id, input.topics());
        }
        if (!input.projects().equals(stored.projects())) {
            jdbc.sql("delete from plan_project where plan_id = :plan").param("plan", id).update();
            insertLinks("plan_project", "project_id", id, input.projects());
        }
    }

    private void insertLinks(String table, String column, long plan, List<?> values) {
        if (!values.isEmpty()) {
            batches.batchUpdate("insert into " + table + " (plan_id, " + column + ") values (:plan, :value)", values.stream()
                    .map(value -> new MapSqlParameterSource("plan", plan).addValue("value", value)).toArray(SqlParameterSource[]::new));
        }
    }

    private static MapSqlParameterSource fields(PlanInput input, Long district) {
        return PlaceColumns.bind(new MapSqlParameterSource(), input.point(), input.address(), input.images())
                .addValue("title", input.title()).addValue("organisation_id", input.organisation()).addValue("point_label", input.pointLabel())
                .addValue("district_id", district).addValue("cost", input.cost()).addValue("description", input.description())
                .addValue("status", input.status()).addValue("participation", input.participation()).addValue("is_draft", input.draft());
    }

    /** Locks these plans' rows for the transaction; their organisation by id (unknown ids are absent). */
    Map<Long, Long> lock(Collection<Long> ids) {
        Map<Long, Long> organisations = new HashMap<>();
        for (List<Long> chunk : Rows.chunks(new HashSet<>(ids))) {
            jdbc.sql("select id, organisation_id from plan where id in (:ids) for update").param("ids", chunk)
                    .query(rs -> { organisations.put(rs.getLong(1), rs.getLong(2)); });
        }
        return organisations;
    }

    void delete(Collection<Long> ids) {
        for (List<Long> chunk : Rows.chunks(ids)) {
            jdbc.sql("delete from plan where id in (:ids)").param("ids", chunk).update();
        }
    }

    /** Plans matching a condition on alias {@code pl} with named parameters, with their links: three statements. */
    List<StoredPlan> load(String condition, Map<String, ?> params) {
        String ids = "select pl.id from plan pl where " + condition;
        Map<Long, List<String>> topics = Rows.grouped(jdbc, "select plan_id, topic_code from plan_topic where plan_id in (" + ids
                + ") order by topic_code", params, (rs, n) -> rs.getString(2));
        Map<Long, List<Long>> projects = Rows.grouped(jdbc, "select plan_id, project_id from plan_project where plan_id in (" + ids
                + ") order by project_id", params, (rs, n) -> rs.getLong(2));
        return jdbc.sql("select " + COLUMNS + " from plan pl left join district d on d.id = pl.district_id where " + condition
                + " order by pl.id").params(params).query((rs, n) -> {
                    long id = rs.getLong(1);
                    PlanInput plan = new PlanInput(rs.getString(2), rs.getLong(3), Coordinates.read(rs, 4),
                            new Address(rs.getString(6), rs.getString(7), rs.getString(8)), rs.getString(9), rs.getString(10),
                            rs.getString(11), rs.getString(12), new Images(rs.getString(13), rs.getString(14), rs.getString(15),
                                    rs.getString(16), rs.getString(17), rs.getString(18)),
                            topics.getOrDefault(id, List.of()), rs.getInt(19), rs.getInt(20), rs.getBoolean(21),
                            projects.getOrDefault(id, List.of()));
                    return new StoredPlan(id, plan, Rows.instant(rs, 22), Rows.instant(rs, 23));
                }).list();
    }
}

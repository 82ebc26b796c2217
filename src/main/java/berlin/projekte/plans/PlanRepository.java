package berlin.projekte.plans;

import berlin.projekte.Rows;
import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
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
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into plan (" + FIELDS + ", created) values (" + FIELDS.replaceAll("(\\w+)", ":$1") + ", :created)")
                .paramSource(fields(input, district).addValue("created", Rows.timestamp(created))).update(key, "id");
        long id = key.getKey().longValue();
        insertLinks("plan_topic", "topic_code", id, input.topics());
        insertLinks("plan_project", "project_id", id, input.projects());
        return id;
    }

    /** Writes the row, and the links that differ from {@code stored}. */
    void update(long id, PlanInput stored, PlanInput input, Long district, Instant modified) {
        jdbc.sql("update plan set " + FIELDS.replaceAll("(\\w+)", "$1 = :$1") + ", modified = :modified where id = :id")
                .paramSource(fields(input, district).addValue("modified", Rows.timestamp(modified)).addValue("id", id)).update();
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
        Images images = input.images();
        Coordinates point = input.point();
        return new MapSqlParameterSource()
                .addValue("title", input.title()).addValue("organisation_id", input.organisation())
                .addValue("lon", point == null ? null : point.lon()).addValue("lat", point == null ? null : point.lat())
                .addValue("street", input.address().street()).addValue("house_number", input.address().houseNumber())
                .addValue("zip_code", input.address().zipCode()).addValue("point_label", input.pointLabel())
                .addValue("district_id", district).addValue("cost", input.cost()).addValue("description", input.description())
                .addValue("tile_image", images.tile()).addValue("tile_image_alt_text", images.tileAltText())
                .addValue("tile_image_copyright", images.tileCopyright()).addValue("image", images.header())
                .addValue("image_alt_text", images.headerAltText()).addValue("image_copyright", images.headerCopyright())
                .addValue("status", input.status()).addValue("participation", input.participation()).addValue("is_draft", input.draft());
    }

    /** Locks these plans' rows for the transaction; their organisation by id (unknown ids are absent). */
    Map<Long, Long> lock(Collection<Long> ids) {
        Map<Long, Long> organisations = new HashMap<>();
        List<Long> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += 1000) {
            jdbc.sql("select id, organisation_id from plan where id in (:ids) for update")
                    .param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
                    .query(rs -> { organisations.put(rs.getLong(1), rs.getLong(2)); });
        }
        return organisations;
    }

    void delete(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            jdbc.sql("delete from plan where id in (:ids)").param("ids", all.subList(from, Math.min(all.size(), from + 1000))).update();
        }
    }

    /** Plans matching a condition on alias {@code pl} with named parameters, with their links: three statements. */
    List<StoredPlan> load(String condition, Map<String, ?> params) {
        String ids = "select pl.id from plan pl where " + condition;
        Map<Long, List<String>> topics = new HashMap<>();
        jdbc.sql("select plan_id, topic_code from plan_topic where plan_id in (" + ids + ") order by topic_code").params(params)
                .query(rs -> { topics.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)); });
        Map<Long, List<Long>> projects = new HashMap<>();
        jdbc.sql("select plan_id, project_id from plan_project where plan_id in (" + ids + ") order by project_id").params(params)
                .query(rs -> { projects.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)); });
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

package berlin.projekte.plans;

import static berlin.projekte.Rows.instant;

import berlin.projekte.places.Images;
import berlin.projekte.places.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads every published plan in two statements: the plans (with their counts), their topics. */
@Repository
class PlanReadQuery {

    /**
     * A plan counts the linked projects the public sees: PUBLIC or SEMIPUBLIC, not draft, not
     * archived. Counted once for all plans and joined (a correlated count per plan was planned as
     * a nested loop over every link on tables without statistics: 250 ms instead of 12).
     */
    private static final String PUBLISHED_PROJECTS = "left join (select pp.plan_id, count(*) as projects from plan_project pp"
            + " join project p on p.id = pp.project_id"
            + " where p.is_draft = false and p.is_archived = false and p.access in ('PUBLIC', 'SEMIPUBLIC')"
            + " group by pp.plan_id) linked on linked.plan_id = pl.id";

    private final JdbcTemplate jdbc;

    PlanReadQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    List<ListedPlan> list() {
        Map<Long, List<String>> topics = new HashMap<>();
        jdbc.query("select pt.plan_id, pt.topic_code from plan_topic pt join plan pl on pl.id = pt.plan_id"
                        + " where pl.is_draft = false order by pt.plan_id, pt.topic_code",
                rs -> {
                    topics.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>(3)).add(rs.getString(2));
                });
        List<ListedPlan> plans = new ArrayList<>();
        jdbc.query("select pl.id, pl.title, o.name, d.name, pl.lon, pl.lat, pl.street, pl.house_number, pl.zip_code,"
                        + " pl.point_label, pl.cost, pl.tile_image, pl.tile_image_alt_text, pl.tile_image_copyright,"
                        + " pl.image, pl.image_alt_text, pl.image_copyright, pl.created, pl.modified, pl.participation, pl.status,"
                        + " coalesce(linked.projects, 0)"
                        + " from plan pl join organisation o on o.id = pl.organisation_id left join district d on d.id = pl.district_id "
                        + PUBLISHED_PROJECTS
                        + " where pl.is_draft = false order by pl.created desc, pl.id desc",
                rs -> {
                    long id = rs.getLong(1);
                    plans.add(new ListedPlan(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            Point.read(rs, 5), rs.getString(10), rs.getString(11),
                            new Images(rs.getString(12), rs.getString(13), rs.getString(14),
                                    rs.getString(15), rs.getString(16), rs.getString(17)),
                            instant(rs, 18), instant(rs, 19), rs.getInt(20), rs.getInt(21) == 0, rs.getInt(22),
                            topics.getOrDefault(id, List.of())));
                });
        return plans;
    }
}

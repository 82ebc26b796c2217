package berlin.projekte.projects;

import static berlin.projekte.Rows.instant;

import berlin.projekte.accounts.ProjectViewers;
import berlin.projekte.places.Images;
import berlin.projekte.places.Point;
import berlin.projekte.plans.PlanUrls;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads every project of a {@link ListSelection} with everything its item shows, in four statements
 * whatever the number of projects (five with the viewers of private projects): the projects,
 * their phases, their topics, their plans. Read in one read-only transaction so the parts agree.
 */
@Repository
public class ProjectReadQuery {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public ProjectReadQuery(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.zone = clock.getZone();
    }

    @Transactional(readOnly = true)
    public List<ListedProject> list(ListSelection listing) {
        String where = listing.condition();
        Map<Long, List<String>> topics = new HashMap<>();
        jdbc.query("select pt.project_id, pt.topic_code from project_topic pt join project p on p.id = pt.project_id where "
                        + where + " order by pt.project_id, pt.topic_code",
                rs -> {
                    topics.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>(3)).add(rs.getString(2));
                });

        Map<Long, Map<Long, List<Timeline.PhaseDates>>> phases = new HashMap<>();
        jdbc.query("select m.project_id, m.id, ph.start_date, ph.end_date from module m"
                        + " join project p on p.id = m.project_id join phase ph on ph.module_id = m.id"
                        + " where m.is_draft = false and " + where,
                rs -> {
                    phases.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getLong(2), id -> new ArrayList<>(3))
                            .add(new Timeline.PhaseDates(instant(rs, 3), instant(rs, 4)));
                });

        Map<Long, ListedProject.PlanLink> firstPlans = new HashMap<>();
        jdbc.query("select pp.project_id, pl.id, pl.title, pl.created from plan_project pp"
                        + " join plan pl on pl.id = pp.plan_id join project p on p.id = pp.project_id"
                        + " where pl.is_draft = false and " + where + " order by pp.project_id, pl.created, pl.id",
                rs -> {
                    firstPlans.computeIfAbsent(rs.getLong(1), id -> {
                        try {
                            return new ListedProject.PlanLink(rs.getString(3), PlanUrls.path(rs.getLong(2), instant(rs, 4), zone));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                });

        List<ListedProject> projects = new ArrayList<>();
        jdbc.query("select p.id, p.name, p.slug, p.description, p.access, p.kind, p.external_url, p.created, p.modified,"
                        + " o.name, d.name, p.lon, p.lat, p.street, p.house_number, p.zip_code,"
                        + " p.tile_image, p.tile_image_alt_text, p.tile_image_copyright, p.image, p.image_alt_text, p.image_copyright"
                        + " from project p join organisation o on o.id = p.organisation_id left join district d on d.id = p.district_id"
                        + " where " + where + " order by " + listing.order(),
                rs -> {
                    long id = rs.getLong(1);
                    projects.add(new ListedProject(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            Access.valueOf(rs.getString(5)), Kind.valueOf(rs.getString(6)), rs.getString(7),
                            instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getString(11),
                            Point.read(rs, 12),
                            new Images(rs.getString(17), rs.getString(18), rs.getString(19),
                                    rs.getString(20), rs.getString(21), rs.getString(22)),
                            topics.getOrDefault(id, List.of()),
                            timeline(phases.get(id)),
                            firstPlans.get(id)));
                });
        return projects;
    }

    /** For private lists: the non-superusers who may view each project (one statement). */
    @Transactional(readOnly = true)
    public Map<Long, Set<Long>> viewers(ListSelection listing) {
        Map<Long, Set<Long>> viewers = new HashMap<>();
        jdbc.query(ProjectViewers.viewersQuery(listing.condition()),
                rs -> {
                    viewers.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getLong(2));
                });
        return viewers;
    }

    private static Timeline timeline(Map<Long, List<Timeline.PhaseDates>> modules) {
        if (modules == null) {
            return Timeline.EMPTY;
        }
        return new Timeline(modules.values().stream().map(Timeline.ModuleDates::new).toList());
    }

}

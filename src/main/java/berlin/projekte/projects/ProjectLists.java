package berlin.projekte.projects;

import berlin.projekte.cache.ComputedList;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListSource;
import berlin.projekte.web.Json;
import berlin.projekte.web.Language;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Computes the project lists: {@code projects} (and its three status lists), {@code privateprojects}
 * (items with their viewers, see {@link PrivateProjectEntry}) and {@code extprojects}.
 */
@Component
public class ProjectLists implements ListSource {

    private final ProjectReadQuery query;
    private final Clock clock;
    private final ProjectItemWriter writer;

    public ProjectLists(ProjectReadQuery query, Clock clock) {
        this.query = query;
        this.clock = clock;
        this.writer = new ProjectItemWriter(clock.getZone());
    }

    @Override
    public Set<ListKey> keys() {
        return Set.of(ListKey.PROJECTS, ListKey.PROJECTS_ACTIVE, ListKey.PROJECTS_FUTURE, ListKey.PROJECTS_PAST,
                ListKey.PRIVATE_PROJECTS, ListKey.EXT_PROJECTS);
    }

    @Override
    public ComputedList compute(ListKey key, Language language) {
        return computeAsOf(key, language, clock.instant());
    }

    /** The status rules and texts evaluated at {@code now} rather than the clock's instant. */
    @Override
    public ComputedList computeAsOf(ListKey key, Language language, Instant now) {
        return switch (key) {
            case PROJECTS -> renderList(query.list(ListSelection.PUBLIC), null, now, language, true);
            case PROJECTS_ACTIVE -> renderList(query.list(ListSelection.PUBLIC), ParticipationStatus.ACTIVE, now, language, true);
            case PROJECTS_FUTURE -> renderList(query.list(ListSelection.PUBLIC), ParticipationStatus.FUTURE, now, language, true);
            case PROJECTS_PAST -> renderList(query.list(ListSelection.PUBLIC), ParticipationStatus.PAST, now, language, true);
            case EXT_PROJECTS -> renderList(query.list(ListSelection.EXTERNAL), null, now, language, false);
            case PRIVATE_PROJECTS -> renderPrivate(now, language);
            case PLANS -> throw new IllegalArgumentException("not a project list: " + key);
        };
    }

    private ComputedList renderList(List<ListedProject> projects, ParticipationStatus only, Instant now,
                                    Language language, boolean withId) {
        byte[] body = Json.render(g -> {
            g.writeStartArray();
            for (ListedProject project : projects) {
                if (only == null || project.timeline().statusAt(now) == only) {
                    writer.write(g, project, now, language, withId, only);
                }
            }
            g.writeEndArray();
        });
        return new ComputedList(body, nextChange(projects, now));
    }

    private ComputedList renderPrivate(Instant now, Language language) {
        List<ListedProject> projects = query.list(ListSelection.PRIVATE);
        Map<Long, Set<Long>> viewers = query.viewers(ListSelection.PRIVATE);
        List<PrivateProjectEntry.Item> items = new ArrayList<>(projects.size());
        for (ListedProject project : projects) {
            byte[] item = Json.render(g -> writer.write(g, project, now, language, true, null));
            items.add(new PrivateProjectEntry.Item(item, viewers.getOrDefault(project.id(), Set.of())));
        }
        return new ComputedList(PrivateProjectEntry.encode(items), nextChange(projects, now));
    }

    /** The first instant at which any project's status (and so some list) changes. */
    private static Instant nextChange(List<ListedProject> projects, Instant now) {
        return projects.stream()
                .map(p -> p.timeline().nextChangeAfter(now))
                .flatMap(Optional::stream)
                .min(Instant::compareTo)
                .orElse(null);
    }
}

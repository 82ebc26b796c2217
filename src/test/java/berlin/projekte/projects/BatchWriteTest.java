package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berlin.projekte.accounts.Actor;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.plans.PlanInput;
import berlin.projekte.plans.PlanService;
import berlin.projekte.testsupport.WriteApiTest;
import berlin.projekte.web.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The services without HTTP, as the fake-data command uses them: fast, all or nothing, one event per kind. */
class BatchWriteTest extends WriteApiTest {

    @Autowired ProjectService projects;
    @Autowired PlanService plans;
    private int users;

    private List<ProjectInput> inputs(int n, Kind kind) {
        long user = fixtures.user("u" + kind + (++users), false);
        List<ProjectInput> inputs = new ArrayList<>();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            ProjectInput input = new ProjectInput("fake project " + i, null, "d", "", i % 10 == 0 ? Access.PRIVATE : Access.PUBLIC,
                    kind, kind == Kind.PROJECT ? "" : "https://example.org/" + i, false, false, organisation, "mi",
                    List.of("URB", "TRA"), new Coordinates(13.4, 52.5), new Address("Straße", "1", "10115"), null, null,
                    List.of(user), List.of(user), List.of(), List.of(
                    new ProjectInput.ModuleInput("m1", 0, false, List.of(
                            new ProjectInput.PhaseInput("p1", "debate", 0, start, start.plusSeconds(86400)),
                            new ProjectInput.PhaseInput("p2", "voting", 1, start.plusSeconds(86400), null))),
                    new ProjectInput.ModuleInput("m2", 1, false, List.of(
                            new ProjectInput.PhaseInput("p3", "", 0, null, start.plusSeconds(3 * 86400))))));
            inputs.add(input);
        }
        return inputs;
    }

    @Test
    void createAllWritesManyProjectsQuicklyWithOneEventPerKind() {
        List<ProjectInput> all = new ArrayList<>(inputs(550, Kind.PROJECT));
        all.addAll(inputs(50, Kind.EXTERNAL));
        long started = System.nanoTime();
        List<Long> ids = projects.createAll(all, Actor.SYSTEM);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(ids).hasSize(600).doesNotHaveDuplicates();
        assertThat(millis).as("creating 600 projects took %d ms", millis).isLessThan(15_000);
        assertThat(count("project")).isEqualTo(600);
        assertThat(count("module")).isEqualTo(1200);
        assertThat(count("phase")).isEqualTo(1800);
        assertThat(count("project_topic")).isEqualTo(1200);
        assertThat(jdbc.queryForList("select slug from project where slug like 'fake-project-1%' order by slug", String.class))
                .contains("fake-project-1", "fake-project-1-2");
        assertThat(events.all()).containsExactlyInAnyOrder(new ProjectChanged(Kind.PROJECT), new ProjectChanged(Kind.EXTERNAL));
        // Created in input order.
        assertThat(jdbc.queryForList("select id from project order by created, id", Long.class)).isEqualTo(ids);

        events.clear();
        List<Long> planIds = plans.createAll(List.of(
                new PlanInput("fake plan 1", organisation, null, null, null, null, null, null, null, List.of("URB"), 0, 1, false, ids.subList(0, 3)),
                PlanInput.of("fake plan 2", organisation)), Actor.SYSTEM);
        assertThat(planIds).hasSize(2);
        assertThat(count("plan_project")).isEqualTo(3);
        assertThat(events.all()).containsExactly(new PlanChanged());

        events.clear();
        assertThat(projects.deleteAll(ids, Actor.SYSTEM)).isEqualTo(600);
        assertThat(plans.deleteAll(planIds, Actor.SYSTEM)).isEqualTo(2);
        assertThat(count("project") + count("plan") + count("phase")).isZero();
        assertThat(events.all()).containsExactlyInAnyOrder(new ProjectChanged(Kind.PROJECT), new ProjectChanged(Kind.EXTERNAL),
                new PlanChanged());
    }

    @Test
    void aBadProjectLateInTheBatchLeavesNothingWritten() {
        List<ProjectInput> all = new ArrayList<>(inputs(20, Kind.PROJECT));
        ProjectInput last = all.get(19);
        all.set(19, last.withModules(List.of(last.modules().get(0), new ProjectInput.ModuleInput("bad", 0, false, List.of(
                new ProjectInput.PhaseInput("backwards", "", 0, Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")))))));
        assertThatThrownBy(() -> projects.createAll(all, Actor.SYSTEM)).isInstanceOf(ApiException.class)
                .hasMessageContaining("#19").hasMessageContaining("modules[1].phases[0].end_date");
        assertThat(count("project") + count("module") + count("phase")).isZero();
        assertThat(events.all()).isEmpty();

        // A failure after some rows were written (a database constraint) rolls everything back too.
        List<ProjectInput> conflicting = new ArrayList<>(inputs(5, Kind.PROJECT));
        conflicting.add(ProjectInput.of("dup", organisation).withSlug("same"));
        conflicting.add(ProjectInput.of("dup", organisation).withSlug("same"));
        assertThatThrownBy(() -> projects.createAll(conflicting, Actor.SYSTEM)).isInstanceOf(ApiException.class);
        assertThat(count("project")).isZero();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aNonInitiatorActorIsRefusedWithoutHttpToo() {
        long user = fixtures.user("someone", false);
        assertThatThrownBy(() -> projects.create(ProjectInput.of("x", organisation), Actor.user(user, false)))
                .isInstanceOf(ApiException.class).hasMessageContaining("not allowed");
        assertThat(count("project")).isZero();
    }
}

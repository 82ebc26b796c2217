package berlin.projekte.projects;

import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.admin.AdminResource;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The write API of projects, shared by {@code /api/admin/projects} (every kind, {@code kind} null)
 * and {@code /api/admin/extprojects} (kind EXTERNAL, fixed): request record to
 * {@link ProjectService} call to {@link ProjectView}. The subclasses only map the path.
 */
abstract class ProjectResource extends AdminResource<ProjectJson, ProjectView> {

    ProjectResource(Kind kind, ProjectService projects, WriteAccess access, RequestBinding binding, Clock clock) {
        super(ProjectJson.class, new Projects(kind, projects, clock), access, binding);
    }

    private record Projects(Kind kind, ProjectService projects, Clock clock) implements Operations<ProjectJson, ProjectView> {

        @Override
        public List<ProjectView> list(Actor actor) {
            return projects.list(actor, kind).stream().map(this::view).toList();
        }

        @Override
        public ProjectView get(long id, Actor actor) {
            return view(projects.get(id, actor, kind));
        }

        @Override
        public ProjectView create(ProjectJson body, Actor actor) {
            return view(projects.create(input(body), actor));
        }

        /** A slug left out is kept (by {@link ProjectService#update}). */
        @Override
        public ProjectView update(long id, UnaryOperator<ProjectJson> change, Actor actor) {
            return view(projects.update(id, stored -> input(change.apply(ProjectJson.of(stored, clock.getZone()))), actor, kind));
        }

        @Override
        public void delete(long id, Actor actor) {
            projects.delete(id, actor, kind);
        }

        /** The fields as a project; under a fixed kind, that kind is the default and the only one allowed. */
        private ProjectInput input(ProjectJson body) {
            if (kind != null && body.kind() != null && body.kind() != kind) {
                throw RequestBinding.invalid(Map.of("kind", "must be " + kind + " here"));
            }
            return body.toInput(kind == null ? Kind.PROJECT : kind);
        }

        private ProjectView view(StoredProject project) {
            return ProjectView.of(project, clock.getZone());
        }
    }
}

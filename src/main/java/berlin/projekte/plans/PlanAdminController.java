package berlin.projekte.plans;

import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.admin.AdminResource;
import berlin.projekte.web.RequestBinding;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/plans}. */
@RestController
@RequestMapping("/api/admin/plans")
class PlanAdminController extends AdminResource<PlanJson, PlanView> {

    PlanAdminController(PlanService plans, WriteAccess actors, RequestBinding binding, Clock clock) {
        super(PlanJson.class, new Plans(plans, clock), actors, binding);
    }

    /** The {@link PlanService} calls, from and to the JSON records. */
    private record Plans(PlanService plans, Clock clock) implements Operations<PlanJson, PlanView> {

        @Override
        public List<PlanView> list(Actor actor) {
            return plans.list(actor).stream().map(this::render).toList();
        }

        @Override
        public PlanView get(long id, Actor actor) {
            return render(plans.get(id, actor));
        }

        @Override
        public PlanView create(PlanJson body, Actor actor) {
            return render(plans.create(body.toInput(), actor));
        }

        @Override
        public PlanView update(long id, UnaryOperator<PlanJson> change, Actor actor) {
            return render(plans.update(id, stored -> change.apply(PlanJson.of(stored)).toInput(), actor));
        }

        @Override
        public void delete(long id, Actor actor) {
            plans.delete(id, actor);
        }

        private PlanView render(StoredPlan plan) {
            return PlanView.of(plan, clock.getZone());
        }
    }
}

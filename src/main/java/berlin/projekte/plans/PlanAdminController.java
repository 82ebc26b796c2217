package berlin.projekte.plans;

import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.web.JsonBodies;
import java.time.Clock;
import java.util.List;
import berlin.projekte.web.MergePatch;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/admin/plans}. */
@RestController
@RequestMapping("/api/admin/plans")
class PlanAdminController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final PlanService plans;
    private final WriteAccess actors;
    private final JsonBodies bodies;
    private final Clock clock;

    PlanAdminController(PlanService plans, WriteAccess actors, JsonBodies bodies, Clock clock) {
        this.plans = plans;
        this.actors = actors;
        this.bodies = bodies;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    List<PlanView> list(Authentication auth) {
        return plans.list(actors.actor(auth)).stream().map(this::render).toList();
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = {"", "/"}, consumes = JSON)
    PlanView create(@RequestBody PlanJson body, Authentication auth) {
        return render(plans.create(body.toInput(), actors.actor(auth)));
    }

    @GetMapping("/{id}")
    PlanView get(@PathVariable long id, Authentication auth) {
        return render(plans.get(id, actors.actor(auth)));
    }

    @PutMapping(value = "/{id}", consumes = JSON)
    PlanView put(@PathVariable long id, @RequestBody PlanJson body, Authentication auth) {
        return render(plans.update(id, stored -> body.toInput(), actors.actor(auth)));
    }

    @PatchMapping(value = "/{id}", consumes = {JSON, MergePatch.MEDIA_TYPE})
    PlanView patch(@PathVariable long id, @RequestBody @MergePatch JsonNode patch, Authentication auth) {
        return render(plans.update(id, stored -> bodies.patch(PlanJson.of(stored), patch, PlanJson.class).toInput(), actors.actor(auth)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        plans.delete(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }

    private PlanView render(StoredPlan plan) {
        return PlanView.of(plan, clock.getZone());
    }
}

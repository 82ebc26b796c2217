package berlin.projekte.admin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api/admin/plans}. */
@RestController
@RequestMapping("/api/admin/plans")
class PlanAdminController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final PlanWriter plans;
    private final Actors actors;
    private final Clock clock;

    PlanAdminController(PlanWriter plans, Actors actors, Clock clock) {
        this.plans = plans;
        this.actors = actors;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    List<Map<String, Object>> list(Authentication auth) {
        return plans.list(actors.of(auth)).stream().map(this::render).toList();
    }

    @PostMapping(value = {"", "/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.of(auth);
        PlanInput input = PlanJson.parse(body, null);
        return ResponseEntity.status(HttpStatus.CREATED).body(render(plans.create(input, actor)));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id, Authentication auth) {
        return render(plans.get(id, actors.of(auth)));
    }

    @PutMapping(value = "/{id}", consumes = JSON)
    Map<String, Object> put(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.of(auth);
        plans.get(id, actor);
        return render(plans.update(id, PlanJson.parse(body, null), actor));
    }

    @PatchMapping(value = "/{id}", consumes = {JSON, "application/merge-patch+json"})
    Map<String, Object> patch(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.of(auth);
        StoredPlan current = plans.get(id, actor);
        return render(plans.update(id, PlanJson.parse(body, current.plan()), actor));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        plans.delete(id, actors.of(auth));
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> render(StoredPlan plan) {
        return PlanJson.render(plan, clock.getZone());
    }
}

package berlin.projekte.plans;

import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
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

    private final PlanService plans;
    private final WriteAccess actors;
    private final Clock clock;

    PlanAdminController(PlanService plans, WriteAccess actors, Clock clock) {
        this.plans = plans;
        this.actors = actors;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    List<Map<String, Object>> list(Authentication auth) {
        return plans.list(actors.actor(auth)).stream().map(this::render).toList();
    }

    @PostMapping(value = {"", "/"}, consumes = JSON)
    ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, Authentication auth) {
        Actor actor = actors.actor(auth);
        PlanInput input = PlanJson.parse(body, null);
        return ResponseEntity.status(HttpStatus.CREATED).body(render(plans.create(input, actor)));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id, Authentication auth) {
        return render(plans.get(id, actors.actor(auth)));
    }

    @PutMapping(value = "/{id}", consumes = JSON)
    Map<String, Object> put(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(plans.update(id, stored -> PlanJson.parse(body, null), actors.actor(auth)));
    }

    @PatchMapping(value = "/{id}", consumes = {JSON, "application/merge-patch+json"})
    Map<String, Object> patch(@PathVariable long id, @RequestBody JsonNode body, Authentication auth) {
        return render(plans.update(id, stored -> PlanJson.parse(body, stored), actors.actor(auth)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        plans.delete(id, actors.actor(auth));
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> render(StoredPlan plan) {
        return PlanJson.render(plan, clock.getZone());
    }
}

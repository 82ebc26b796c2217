package berlin.projekte.plans;

import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.PublicLists;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/plans/}. */
@RestController
class PlanListController {

    private final PublicLists lists;

    PlanListController(PublicLists lists) {
        this.lists = lists;
    }

    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = PlanListItem.class))))
    @GetMapping({ListKey.Paths.PLANS, ListKey.Paths.PLANS_})
    ResponseEntity<byte[]> plans(@RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                    HttpServletRequest request) {
        return lists.respond(ListKey.PLANS, acceptLanguage, request);
    }
}

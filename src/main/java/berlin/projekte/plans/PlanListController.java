package berlin.projekte.plans;

import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListResponses;
import berlin.projekte.web.Languages;
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

    private final ListCache cache;
    private final Languages languages;

    PlanListController(ListCache cache, Languages languages) {
        this.cache = cache;
        this.languages = languages;
    }

    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = PlanListItem.class))))
    @GetMapping({"/api/plans/", "/api/plans"})
    ResponseEntity<byte[]> plans(@RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                    HttpServletRequest request) {
        CachedList list = cache.get(ListKey.PLANS, languages.choose(acceptLanguage));
        return ListResponses.shared(list, request);
    }
}

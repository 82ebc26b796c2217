package berlin.projekte.projects;

import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.PublicLists;
import berlin.projekte.web.ApiException;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/projects/} with its status filter. */
@RestController
class ProjectListController {

    private final PublicLists lists;

    ProjectListController(PublicLists lists) {
        this.lists = lists;
    }

    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ProjectListItem.class))))
    @GetMapping({ListKey.Paths.PROJECTS, ListKey.Paths.PROJECTS_})
    ResponseEntity<byte[]> projects(@RequestParam(required = false) String status,
                                    @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                    HttpServletRequest request) {
        // A bogus status is refused before anything is computed or cached.
        ListKey key = ListKey.forProjectStatus(status).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST,
                "Unknown status. Allowed values: " + ListKey.Status.ALLOWED + ".",
                Map.of("status", "must be one of " + ListKey.Status.ALLOWED)));
        return lists.respond(key, acceptLanguage, request);
    }
}

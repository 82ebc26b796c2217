package berlin.projekte.projects;

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

/** {@code /api/extprojects/}: public external projects. */
@RestController
class ExtProjectListController {

    private final PublicLists lists;

    ExtProjectListController(PublicLists lists) {
        this.lists = lists;
    }

    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ProjectListItem.class))))
    @GetMapping({ListKey.Paths.EXT_PROJECTS, ListKey.Paths.EXT_PROJECTS_})
    ResponseEntity<byte[]> extprojects(@RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                    HttpServletRequest request) {
        return lists.respond(ListKey.EXT_PROJECTS, acceptLanguage, request);
    }
}

package berlin.projekte.extprojects;

import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListCache;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListResponses;
import berlin.projekte.web.Languages;
import berlin.projekte.projects.ProjectListItem;
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

/** {@code /api/extprojects/}: public external projects (computed by the projects feature). */
@RestController
class ExtProjectListController {

    private final ListCache cache;
    private final Languages languages;

    ExtProjectListController(ListCache cache, Languages languages) {
        this.cache = cache;
        this.languages = languages;
    }

    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ProjectListItem.class))))
    @GetMapping({"/api/extprojects/", "/api/extprojects"})
    ResponseEntity<byte[]> extprojects(@RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                    HttpServletRequest request) {
        CachedList list = cache.get(ListKey.EXT_PROJECTS, languages.choose(acceptLanguage));
        return ListResponses.shared(list, request);
    }
}

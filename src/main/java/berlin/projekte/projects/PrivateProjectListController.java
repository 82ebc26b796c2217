package berlin.projekte.projects;

import berlin.projekte.accounts.ViewerCache;
import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListKey;
import berlin.projekte.cache.ListResponses;
import berlin.projekte.cache.PublicLists;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/privateprojects/}: the shared entry holds every private project with its viewers;
 * each response is filtered for the requesting user (as the database says now, not as at sign-in:
 * {@link ViewerCache}) and never cached as such.
 */
@RestController
class PrivateProjectListController {

    private final PublicLists lists;
    private final ViewerCache viewers;
    private final PerViewerListCache perViewer;

    PrivateProjectListController(PublicLists lists, ViewerCache viewers, PerViewerListCache perViewer) {
        this.lists = lists;
        this.viewers = viewers;
        this.perViewer = perViewer;
    }

    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ProjectListItem.class))))
    @GetMapping({ListKey.Paths.PRIVATE_PROJECTS, ListKey.Paths.PRIVATE_PROJECTS_})
    ResponseEntity<byte[]> privateProjects(@RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                                           Authentication authentication,
                                           HttpServletRequest request) {
        CachedList entry = lists.get(ListKey.PRIVATE_PROJECTS, acceptLanguage);
        return ListResponses.perUser(perViewer.forViewer(entry, viewers.current(authentication, entry.generation(), request)),
                entry.hit(), request);
    }
}

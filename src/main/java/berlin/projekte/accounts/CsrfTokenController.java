package berlin.projekte.accounts;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/csrf}: the CSRF token of this session, for a page that signs in with the login
 * form ({@code parameter_name}) and then writes with the session ({@code header_name}). The token
 * lives in the session (one is started if there is none); each answer masks it afresh.
 */
@RestController
class CsrfTokenController {

    /** The answer: the masked token, and where to send it (snake_case names, as the published schema shows them). */
    record CsrfTokenResponse(String token, String header_name, String parameter_name) {
    }

    @GetMapping({"/api/csrf", "/api/csrf/"})
    ResponseEntity<CsrfTokenResponse> token(@Parameter(hidden = true) CsrfToken token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CsrfTokenResponse(token.getToken(), token.getHeaderName(), token.getParameterName()));
    }
}

package berlin.projekte.accounts;

import java.util.Map;
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

    @GetMapping({"/api/csrf", "/api/csrf/"})
    ResponseEntity<Map<String, String>> token(CsrfToken token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("token", token.getToken(), "header_name", token.getHeaderName(), "parameter_name", token.getParameterName()));
    }
}

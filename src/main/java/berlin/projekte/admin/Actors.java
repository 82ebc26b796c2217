package berlin.projekte.admin;

import berlin.projekte.accounts.AccountUserDetailsService;
import berlin.projekte.accounts.Viewer;
import berlin.projekte.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The actor of a write request, as the database says now ({@link AccountUserDetailsService#currentViewer}):
 * a superuser flag switched off, or a user deleted, counts at once even for a session that signed in before.
 */
@Component
class Actors {

    private final AccountUserDetailsService users;

    Actors(AccountUserDetailsService users) {
        this.users = users;
    }

    Actor of(Authentication authentication) {
        Viewer viewer = users.currentViewer(authentication);
        if (viewer.isAnonymous()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Authentication required.");
        }
        return Actor.user(viewer.userId(), viewer.superuser());
    }
}

package berlin.projekte.accounts;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking, from Spring Security's authentication: a {@link Viewer}. */
public final class Viewers {

    private Viewers() {
    }

    /** {@link Viewer#ANONYMOUS} for null or anonymous, else the user's id and superuser flag. */
    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return Viewer.ANONYMOUS;
        }
        if (authentication.getPrincipal() instanceof AccountUser user) {
            return user.viewer();
        }
        return Viewer.ANONYMOUS;
    }

    /** The viewer of the current request (its security context). */
    public static Viewer current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }
}

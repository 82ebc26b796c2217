package berlin.projekte.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is asking for {@code /api/privateprojects/}, without a database query on a hit: each user's
 * viewer (exists, superuser flag) remembered with the generation of the {@code privateprojects} key
 * it was read under and the credential it was checked with. The one place that decides whether a
 * principal signed in against a remembered row is still the user ({@link #remembered}). Why a revoked
 * right still counts at once: docs/cache.md, "Entries".
 */
@Component
public class ViewerCache {

    /** With the username and password hash the viewer was checked with. */
    private record Remembered(Viewer viewer, Object generation, String username, String passwordHash) {

        boolean holdsFor(Object currentGeneration, AccountUser principal) {
            return Objects.equals(generation, currentGeneration) && username.equals(principal.getUsername())
                    && passwordHash.equals(principal.getPassword());
        }
    }

    private final AccountUserDetailsService users;
    private final AccountSignIn signIn;
    private final Cache<Long, Remembered> viewers = Caffeine.newBuilder().maximumSize(10_000).build();

    public ViewerCache(AccountUserDetailsService users, AccountSignIn signIn) {
        this.users = users;
        this.signIn = signIn;
    }

    /** The viewer as the database said at {@code generation} of the privateprojects key, or now; {@code request} signed in as it. */
    public Viewer current(Authentication authentication, Object generation, HttpServletRequest request) {
        Viewer signedIn = Viewers.of(authentication);
        if (signedIn.isAnonymous()) {
            return signedIn;
        }
        AccountUser principal = (AccountUser) authentication.getPrincipal();
        Viewer remembered = remembered(principal, generation);
        if (remembered != null) {
            return remembered;
        }
        Viewer now = users.currentViewer(authentication);
        if (now.isAnonymous()) {
            if (!AccountSignIn.mayBeRemembered(authentication)) {
                // a session signed in with a username or password that is no longer the user's, or a deleted user's
                throw new InsufficientAuthenticationException("Authentication required.");
            }
            principal = (AccountUser) signIn.again(request).getPrincipal();
            now = principal.viewer();
        }
        if (generation != null) {
            viewers.put(now.userId(), new Remembered(now, generation, principal.getUsername(), principal.getPassword()));
        }
        return now;
    }

    /** The viewer remembered for this principal if it still holds at {@code generation}, else null: no database, no sign-in. */
    Viewer remembered(AccountUser principal, Object generation) {
        Remembered remembered = generation == null ? null : viewers.getIfPresent(principal.id());
        return remembered != null && remembered.holdsFor(generation, principal) ? remembered.viewer() : null;
    }
}

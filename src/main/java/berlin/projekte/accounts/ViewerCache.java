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
 * viewer keys ({@link AccountUserDetailsService#currentViewer}: exists, superuser flag; which
 * projects they may view is in the shared entry) remembered together with the generation of the
 * {@code privateprojects} key under which they were read, and the credential they were checked
 * with. Every {@code MembershipChanged} (a changed username, password or superuser flag too, and
 * every project change) advances that generation in the shared store before the change returns,
 * so the next request on any instance sees a different generation and reads the database again:
 * a revoked right takes effect at once. No generation (no store, Redis not trusted): always the
 * database. The generation is read before the database, so a remembered viewer is never newer
 * than its tag says.
 *
 * <p>This is the one place that decides whether a principal signed in against a remembered
 * {@code app_user} row ({@link AccountSignIn}) is still the user: only while the viewer remembered
 * for its id, username and password hash holds at the current generation ({@link #remembered},
 * which the hit filter asks too). Otherwise the database
 * decides; a Basic request whose row is no longer the user's (deleted and created again under the
 * same name, a new password) is signed in again from the database with its own credentials. A
 * session's principal that is no longer the user's is a 401, as it always was.
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

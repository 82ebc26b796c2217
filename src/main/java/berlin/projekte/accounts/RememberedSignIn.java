package berlin.projekte.accounts;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The viewer of an HTTP Basic request for the private list, found without the filter chain and
 * without the database, for the list's hit filter: only where the chain would answer just so,
 * else null and the chain decides (a 429, a wrong password counted and answered 401, a row or
 * viewer read again). Each check is the chain's own: {@link LoginThrottleFilter}'s wait, the
 * remembered row and password of {@link AccountSignIn}, {@link ViewerCache}'s rule of whether the
 * remembered viewer still holds.
 */
@Component
public class RememberedSignIn {

    private final LoginThrottle throttle;
    private final AccountSignIn signIn;
    private final ViewerCache viewers;

    RememberedSignIn(LoginThrottle throttle, AccountSignIn signIn, ViewerCache viewers) {
        this.throttle = throttle;
        this.signIn = signIn;
        this.viewers = viewers;
    }

    /** The viewer this request signs in as, as the database said at {@code generation} of the privateprojects key; else null. */
    public Viewer viewer(HttpServletRequest request, Object generation) {
        if (generation == null || LoginThrottleFilter.waitBeforeTrying(throttle, request).isPresent()) {
            return null;
        }
        AccountUser user = signIn.remembered(request);
        return user == null ? null : viewers.remembered(user, generation);
    }
}

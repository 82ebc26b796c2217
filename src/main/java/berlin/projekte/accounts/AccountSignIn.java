package berlin.projekte.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.userdetails.UserCache;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * Password sign-in against {@code app_user}, for HTTP Basic and the login form. An HTTP Basic
 * request that reads {@code /api/privateprojects/} is checked against the row remembered from an
 * earlier such sign-in (by username, bounded, forgotten after {@link #FORGET_AFTER}), so a hit of
 * that list reads no row (its hit filter, {@link RememberedSignIn}, none of the chain either). That is
 * safe only because the list trusts such a principal through {@link ViewerCache} alone, which
 * compares it with the user as the database said under the list's current generation, and signs
 * the request in again from the database ({@link #again}) when it is no longer the user (deleted
 * and created again, a new password). Every other sign-in, the write API's and every session's
 * among them, reads the row.
 */
@Component
public class AccountSignIn implements AuthenticationProvider {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    private static final RequestMatcher PRIVATE_LIST = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/api/privateprojects/**"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, "/api/privateprojects/**"));

    /** The details of a Basic sign-in that may be checked against a remembered row. */
    static final class PrivateListSignIn extends WebAuthenticationDetails {

        PrivateListSignIn(HttpServletRequest request) {
            super(request);
        }
    }

    private final Cache<String, UserDetails> rows = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(FORGET_AFTER).build();
    private final DaoAuthenticationProvider database;
    private final DaoAuthenticationProvider remembering;
    private final AuthenticationEventPublisher events;
    private final PasswordEncoder passwordEncoder;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter(WebAuthenticationDetails::new);

    AccountSignIn(AccountUserDetailsService users, PasswordEncoder passwordEncoder, AuthenticationEventPublisher events) {
        this.database = new DaoAuthenticationProvider(users::loadUserByUsername);
        this.database.setPasswordEncoder(passwordEncoder);
        this.remembering = new DaoAuthenticationProvider(users::loadUserByUsername);
        this.remembering.setPasswordEncoder(passwordEncoder);
        // a remembered row the password does not match is read again (Spring's UserCache contract)
        this.remembering.setUserCache(new UserCache() {
            @Override
            public UserDetails getUserFromCache(String username) {
                return rows.getIfPresent(username);
            }

            @Override
            public void putUserInCache(UserDetails user) {
                rows.put(user.getUsername(), user);
            }

            @Override
            public void removeUserFromCache(String username) {
                rows.invalidate(username);
            }
        });
        this.events = events;
        this.passwordEncoder = passwordEncoder;
    }

    /** For HTTP Basic: marks the sign-ins that may use a remembered row ({@code GET}/{@code HEAD} of the private list). */
    static AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> basicDetails() {
        return request -> PRIVATE_LIST.matches(request) ? new PrivateListSignIn(request) : new WebAuthenticationDetails(request);
    }

    /** Whether this request signed in with its own Basic credentials, perhaps against a remembered row. */
    static boolean mayBeRemembered(Authentication authentication) {
        return authentication.getDetails() instanceof PrivateListSignIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        return (mayBeRemembered(authentication) ? remembering : database).authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * The remembered row this request's Basic credentials match, or null (no Basic credentials, none
     * remembered, another password): what {@link #authenticate} would sign in as for the private
     * list without reading a row, for its hit filter. A null is decided by the filter chain, which
     * reads the row, and counts a wrong password.
     */
    AccountUser remembered(HttpServletRequest request) {
        UsernamePasswordAuthenticationToken credentials;
        try {
            credentials = basic.convert(request);
        } catch (AuthenticationException malformed) {
            return null;
        }
        UserDetails row = credentials == null ? null : rows.getIfPresent(credentials.getName());
        return row instanceof AccountUser user && passwordEncoder.matches((CharSequence) credentials.getCredentials(), user.getPassword())
                ? user : null;
    }

    /**
     * Signs this request in again from the database, with its own Basic credentials (read from its
     * header again, so they are kept nowhere), after it signed in against a remembered row that is
     * no longer the user's; that row is forgotten and the one read now remembered. A password that
     * no longer matches is a failed sign-in like any other ({@link LoginThrottle} counts it).
     */
    Authentication again(HttpServletRequest request) {
        UsernamePasswordAuthenticationToken credentials = basic.convert(request);
        rows.invalidate(credentials.getName());
        try {
            Authentication signedIn = database.authenticate(credentials);
            ((CredentialsContainer) signedIn).eraseCredentials();
            UserDetails row = (UserDetails) signedIn.getPrincipal();
            rows.put(row.getUsername(), row);
            return signedIn;
        } catch (AuthenticationException e) {
            events.publishAuthenticationFailure(e, credentials);
            throw e;
        }
    }
}

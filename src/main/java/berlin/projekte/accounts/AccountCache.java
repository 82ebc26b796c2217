package berlin.projekte.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.core.userdetails.UserCache;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * The {@code app_user} rows Spring Security checked passwords against, by username, so an HTTP
 * Basic request does not read the database just to sign in. Stale rows are harmless by design:
 * a password that does not match a remembered row is checked against the database again (Spring's
 * {@code DaoAuthenticationProvider} does that), and a row whose username or password has since
 * changed never gets past {@link AccountUserDetailsService#currentViewer}, through which every
 * decision about private data or the write API goes. Bounded, and forgotten after a while so an
 * idle instance does not keep password hashes in memory.
 */
@Component
final class AccountCache implements UserCache {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final Cache<String, UserDetails> accounts = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(FORGET_AFTER).build();

    @Override
    public UserDetails getUserFromCache(String username) {
        return accounts.getIfPresent(username);
    }

    @Override
    public void putUserInCache(UserDetails user) {
        accounts.put(user.getUsername(), user);
    }

    @Override
    public void removeUserFromCache(String username) {
        accounts.invalidate(username);
    }
}

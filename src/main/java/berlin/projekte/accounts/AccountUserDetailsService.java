package berlin.projekte.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Users of {@code app_user} for Spring Security: one statement per lookup. */
@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final JdbcClient jdbc;
    private final AccountCache accounts;

    public AccountUserDetailsService(JdbcClient jdbc, AccountCache accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @Override
    public AccountUser loadUserByUsername(String username) {
        return jdbc.sql("select id, username, password_hash, is_superuser from app_user where username = ?")
                .param(username)
                .query((rs, n) -> new AccountUser(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
    }

    /**
     * Who is asking, as the database says now. The principal was signed in earlier (a session) or
     * against a remembered row ({@link AccountCache}), so the superuser flag is read again, and a
     * user that no longer exists, or whose username or password has changed since, is
     * {@link Viewer#ANONYMOUS} (a changed password ends the user's sessions, as in the original
     * platform). A user deleted and created again under the same name signed in against the old
     * row is anonymous once; the row is forgotten, so the next request signs in against the new
     * one. One indexed statement; every decision about private data or the write API goes
     * through here.
     */
    public Viewer currentViewer(Authentication authentication) {
        Viewer signedIn = Viewers.of(authentication);
        if (signedIn.isAnonymous()) {
            return signedIn;
        }
        AccountUser user = (AccountUser) authentication.getPrincipal();
        Viewer now = jdbc.sql("select id, is_superuser from app_user where username = :username and password_hash = :hash")
                .param("username", user.getUsername()).param("hash", user.getPassword())
                .query((rs, n) -> new Viewer(rs.getLong(1), rs.getBoolean(2))).optional()
                .orElse(Viewer.ANONYMOUS);
        if (now.isAnonymous()) {
            accounts.removeUserFromCache(user.getUsername()); // signed in against an old row: the next sign-in reads the new one
        }
        return now;
    }
}

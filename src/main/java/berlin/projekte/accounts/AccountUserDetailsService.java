package berlin.projekte.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Users of {@code app_user} for sign-in ({@link AccountSignIn}) and every decision after it: one statement per lookup. */
@Service
public class AccountUserDetailsService {

    private final JdbcClient jdbc;

    public AccountUserDetailsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public AccountUser loadUserByUsername(String username) {
        return jdbc.sql("select id, username, password_hash, is_superuser from app_user where username = ?")
                .param(username)
                .query((rs, n) -> new AccountUser(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
    }

    /**
     * Who is asking, as the database says now. The principal of a session was loaded at sign-in, so
     * the superuser flag is read again, and a user that no longer exists, or whose username or
     * password has changed since, is {@link Viewer#ANONYMOUS} (a changed password ends the user's
     * sessions, as in the original platform). One indexed statement; every decision about private
     * data or the write API goes through here.
     */
    public Viewer currentViewer(Authentication authentication) {
        Viewer signedIn = Viewers.of(authentication);
        if (signedIn.isAnonymous()) {
            return signedIn;
        }
        AccountUser user = (AccountUser) authentication.getPrincipal();
        return jdbc.sql("select is_superuser from app_user where id = :id and username = :username and password_hash = :hash")
                .param("id", user.id()).param("username", user.getUsername()).param("hash", user.getPassword())
                .query(Boolean.class).optional()
                .map(superuser -> new Viewer(user.id(), superuser))
                .orElse(Viewer.ANONYMOUS);
    }
}

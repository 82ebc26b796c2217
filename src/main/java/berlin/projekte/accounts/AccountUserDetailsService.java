package berlin.projekte.accounts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Users of {@code app_user} for Spring Security: one statement per lookup. */
@Service
public class AccountUserDetailsService implements UserDetailsService {

    private final JdbcClient jdbc;

    public AccountUserDetailsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AccountUser loadUserByUsername(String username) {
        return jdbc.sql("select id, username, password_hash, is_superuser from app_user where username = ?")
                .param(username)
                .query((rs, n) -> new AccountUser(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
    }
}

package berlin.projekte.accounts;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as Spring Security holds it: the row of {@code app_user} with its id and
 * superuser flag, so nothing has to look the user up again to decide what they may see.
 */
public final class AccountUser implements UserDetails {

    public static final String ROLE_USER = "ROLE_USER";
    public static final String ROLE_SUPERUSER = "ROLE_SUPERUSER";

    private final long id;
    private final String username;
    private final String passwordHash;
    private final boolean superuser;

    public AccountUser(long id, String username, String passwordHash, boolean superuser) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.superuser = superuser;
    }

    public long id() {
        return id;
    }

    public boolean superuser() {
        return superuser;
    }

    public Viewer viewer() {
        return new Viewer(id, superuser);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return superuser ? List.of(new SimpleGrantedAuthority(ROLE_USER), new SimpleGrantedAuthority(ROLE_SUPERUSER))
                : List.of(new SimpleGrantedAuthority(ROLE_USER));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountUser other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "AccountUser[" + id + ", " + username + (superuser ? ", superuser" : "") + "]";
    }
}

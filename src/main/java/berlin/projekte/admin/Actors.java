package berlin.projekte.admin;

import berlin.projekte.accounts.Viewer;
import berlin.projekte.accounts.Viewers;
import berlin.projekte.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The actor of a write request. The superuser flag is read again from the database (one
 * indexed statement), so a flag switched off, or a user deleted, counts at once even for a
 * session that signed in before.
 */
@Component
class Actors {

    private final JdbcClient jdbc;

    Actors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Actor of(Authentication authentication) {
        Viewer viewer = Viewers.of(authentication);
        if (viewer.isAnonymous()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Authentication required.");
        }
        Boolean superuser = jdbc.sql("select is_superuser from app_user where id = ?").param(viewer.userId())
                .query(Boolean.class).optional()
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Authentication required."));
        return new Actor(viewer.userId(), superuser);
    }
}

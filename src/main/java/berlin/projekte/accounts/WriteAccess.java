package berlin.projekte.accounts;

import berlin.projekte.web.ApiException;
import berlin.projekte.web.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * The one authorization rule of the write API: may this actor do this to this object. A superuser
 * may do everything; an initiator may manage the projects and plans of the organisations it
 * initiates; nobody else anything. The superuser flag and the memberships are read from the
 * database at every write, never taken from the session, so a revoked flag counts at once.
 *
 * <p>Checked twice, by the same rule: on the request, before its body is read ({@link #authorize},
 * wired for {@code /api/admin/**} in {@link SecurityConfig}), so a caller without any right gets
 * 403 and never learns what is wrong with the body; and by the services, for the organisation a
 * body names (which only the service sees) and for callers without HTTP (devtools).
 */
@Component
public class WriteAccess implements AuthorizationManager<RequestAuthorizationContext> {

    /** Resources under {@code /api/admin/} that an initiator may manage; all others are for superusers only. */
    private static final Set<String> ORGANISATION_OWNED = Set.of("projects", "extprojects", "plans");

    private final JdbcClient jdbc;
    private final AccountUserDetailsService users;

    WriteAccess(JdbcClient jdbc, AccountUserDetailsService users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** The signed-in actor as the database says now; a 401 for anonymous or a user deleted since sign-in. */
    public Actor actor(Authentication authentication) {
        Viewer viewer = users.currentViewer(authentication);
        if (viewer.isAnonymous()) {
            throw new InsufficientAuthenticationException("Authentication required.");
        }
        return Actor.user(viewer.userId(), viewer.superuser());
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        try {
            return new AuthorizationDecision(mayRequest(actor(authentication.get()), context.getRequest()));
        } catch (DataAccessException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            // the entry point answers a sign-in the database could not check with a 503
            throw new AuthenticationServiceException("The database could not check the user.", e);
        }
    }

    /** {@code /api/admin/{resource}[/{id}]}: superusers all; initiators their own organisations' projects and plans. */
    private boolean mayRequest(Actor actor, HttpServletRequest request) {
        if (actor.superuser()) {
            return true;
        }
        List<String> path = List.of(request.getRequestURI().substring(request.getContextPath().length())
                .replaceAll("^/+|/+$", "").split("/+"));
        if (path.size() < 3 || !ORGANISATION_OWNED.contains(path.get(2)) || initiated(actor).isEmpty()) {
            return false;
        }
        if (path.size() == 3) {
            return true;
        }
        Long organisation = path.size() == 4 && path.get(3).matches("[0-9]{1,18}") ? organisationOf(path.get(2), Long.parseLong(path.get(3)))
                : null;
        // an unknown object: its controller answers 404, as it does for a superuser
        return organisation == null || initiated(actor).contains(organisation);
    }

    private Long organisationOf(String resource, long id) {
        String table = resource.equals("plans") ? "plan" : "project";
        return jdbc.sql("select organisation_id from " + table + " where id = :id").param("id", id).query(Long.class).optional()
                .orElse(null);
    }

    /** Whether the actor may manage every one of these organisations' projects and plans. */
    public boolean mayManage(Actor actor, Collection<Long> organisations) {
        return actor.superuser() || (actor.userId() != null && initiated(actor).containsAll(organisations));
    }

    /** 403 unless {@link #mayManage}. */
    public void requireManages(Actor actor, Collection<Long> organisations) {
        if (!mayManage(actor, organisations)) {
            throw forbidden();
        }
    }

    /** 403 unless the actor is a superuser (organisations, users, groups, the cache). */
    public void requireSuperuser(Actor actor) {
        if (!actor.superuser()) {
            throw forbidden();
        }
    }

    /** Organisations the actor initiates (none for the system actor, which is a superuser). */
    public Set<Long> initiated(Actor actor) {
        if (actor.userId() == null) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select organisation_id from organisation_initiator where user_id = :user")
                .param("user", actor.userId()).query(Long.class).list());
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "You are not allowed to do this.");
    }
}

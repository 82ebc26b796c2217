package berlin.projekte.accounts;

import berlin.projekte.changes.MembershipChanged;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Bootstrapping the write API: the {@code createsuperuser} command calls this. */
@Service
public class Superusers {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public Superusers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
        this.events = events;
    }

    /** What {@link #createOrResetSuperuser} did. */
    public enum Outcome { CREATED, RESET }

    /**
     * Creates a superuser with this username and password, or, when the username exists, sets its
     * password and makes it a superuser. A reset raises {@code MembershipChanged}: who may view
     * private projects, or with which password, changed.
     *
     * @throws IllegalArgumentException for a blank username, a username over 150 characters, or a password
     *         {@link Passwords} refuses
     */
    @Transactional
    public Outcome createOrResetSuperuser(String username, String password) {
        if (username == null || username.isBlank() || username.length() > 150) {
            throw new IllegalArgumentException("username must be 1 to 150 characters");
        }
        if (!Passwords.acceptable(password)) {
            throw new IllegalArgumentException("password " + Passwords.RULE);
        }
        String hash = passwords.encode(password);
        Boolean wasSuperuser = jdbc.sql("select is_superuser from app_user where username = ? for update").param(username)
                .query(Boolean.class).optional().orElse(null);
        if (wasSuperuser == null) {
            jdbc.sql("insert into app_user (username, password_hash, is_superuser, created) values (?, ?, true, ?)")
                    .params(username, hash, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
            return Outcome.CREATED;
        }
        jdbc.sql("update app_user set password_hash = ?, is_superuser = true where username = ?").params(hash, username).update();
        events.publishEvent(new MembershipChanged(wasSuperuser ? "credentials" : "superuser"));
        return Outcome.RESET;
    }
}

package berlin.projekte.accounts;

/**
 * Who makes a change through the write services: a user (id, superuser flag), or the system
 * itself ({@link #SYSTEM}: commands such as devtools, with every right).
 */
public record Actor(Long userId, boolean superuser) {

    public static final Actor SYSTEM = new Actor(null, true);

    public static Actor user(long userId, boolean superuser) {
        return new Actor(userId, superuser);
    }
}

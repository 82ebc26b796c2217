package berlin.projekte.accounts;

/**
 * Who is asking for a list: a signed-in user (id, superuser flag) or anonymous. Private projects
 * are shown according to {@link ProjectViewers}.
 */
public record Viewer(Long userId, boolean superuser) {

    public static final Viewer ANONYMOUS = new Viewer(null, false);

    public boolean isAnonymous() {
        return userId == null;
    }
}

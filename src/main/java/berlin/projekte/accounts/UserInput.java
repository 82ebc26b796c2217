package berlin.projekte.accounts;

import java.nio.charset.StandardCharsets;

/** A user: {@code username}, {@code password} (write-only; null on update keeps it), {@code is_superuser}. */
public record UserInput(String username, String password, boolean superuser) {

    /** BCrypt reads only the first 72 bytes of a password (and Spring's encoder refuses more): longer ones are refused, not cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    /** The one password rule (write API and createsuperuser): what is wrong with it, or null when it is fine. */
    public static String passwordProblem(String password) {
        if (password == null || password.isEmpty()) {
            return "must not be empty";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)";
        }
        return null;
    }

    @Override
    public String toString() {
        return "UserInput[" + username + (superuser ? ", superuser" : "") + "]";
    }
}

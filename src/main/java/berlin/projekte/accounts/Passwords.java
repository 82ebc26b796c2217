package berlin.projekte.accounts;

import java.nio.charset.StandardCharsets;

/**
 * What a new password must be. BCrypt reads at most 72 bytes, and Spring's encoder refuses
 * longer input, so longer passwords are refused (rather than cut or pre-hashed): the stored
 * hashes stay plain BCrypt, and every existing hash keeps working. Signing in with a longer
 * password simply does not match.
 */
public final class Passwords {

    /** BCrypt's limit, in UTF-8 bytes (an emoji takes 4). */
    public static final int MAX_BYTES = 72;
    public static final String RULE = "must be 1 to " + MAX_BYTES + " bytes long (UTF-8; 72 ASCII characters, fewer with accents or emoji)";

    private Passwords() {
    }

    /** Whether a new password may be set; null is not a password. */
    public static boolean acceptable(String password) {
        return password != null && !password.isEmpty() && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}

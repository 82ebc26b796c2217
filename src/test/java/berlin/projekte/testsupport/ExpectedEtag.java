package berlin.projekte.testsupport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The strong ETag docs/api.md (HTTP caching) describes, computed here from the known bytes, independently of the application. */
public final class ExpectedEtag {

    private ExpectedEtag() {
    }

    /** SHA-256 of the bytes, its first 16 bytes in lower-case hex, in double quotes. */
    public static String of(byte[] body) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder etag = new StringBuilder("\"");
        for (int i = 0; i < 16; i++) {
            etag.append(String.format("%02x", digest[i]));
        }
        return etag.append('"').toString();
    }
}

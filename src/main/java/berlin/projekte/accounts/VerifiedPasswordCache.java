package berlin.projekte.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A {@link PasswordEncoder} that remembers, for a short time, that a password matched a stored
 * hash, so HTTP Basic clients do not pay a BCrypt check on every request.
 *
 * <p>Safe because: the key of an entry is the stored hash itself, so a changed password (a new
 * hash) never matches an old entry; the remembered value is an HMAC of the password under a key
 * that is random per process and never leaves memory, compared in constant time; only successful
 * checks are remembered (a wrong password always pays the full BCrypt cost); entries expire after
 * {@link #TTL} and the cache is bounded.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final SecretKeySpec key;
    /** Stored hash → HMAC of the password that matched it; expiry and bound by Caffeine. */
    private final Cache<String, byte[]> verified;

    VerifiedPasswordCache(PasswordEncoder delegate, Ticker ticker) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).ticker(ticker).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        byte[] mac = mac(rawPassword);
        byte[] remembered = verified.getIfPresent(encodedPassword);
        if (remembered != null && MessageDigest.isEqual(remembered, mac)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(encodedPassword, mac);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private byte[] mac(CharSequence rawPassword) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

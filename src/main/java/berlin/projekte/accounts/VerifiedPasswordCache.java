package berlin.projekte.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> verified = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Entry(byte[] mac, Instant expires) {
    }

    VerifiedPasswordCache(PasswordEncoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
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
        Instant now = Instant.now(clock);
        Entry entry;
        synchronized (verified) {
            entry = verified.get(encodedPassword);
        }
        if (entry != null && entry.expires().isAfter(now) && MessageDigest.isEqual(entry.mac(), mac)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (verified) {
                verified.put(encodedPassword, new Entry(mac, now.plus(TTL)));
            }
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

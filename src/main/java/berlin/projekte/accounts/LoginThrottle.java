package berlin.projekte.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, per client address and per username (known or not, alike): each has a token
 * bucket (Bucket4j) of {@code failuresPerMinute} failures, regained gradually within a minute, and
 * at most {@code failuresPerHour} an hour. An empty bucket makes every sign-in of that address
 * or username wait (429) until a token is back: a backoff of seconds, growing to at most
 * {@code 3600 / failuresPerHour} seconds per try, never a lockout; nothing here needs an
 * administrator to undo. Buckets live in a bounded Caffeine cache, per instance.
 */
@Component
public class LoginThrottle {

    /** Usernames are at most 150 characters; a longer one is throttled by its first 150. */
    private static final int MAX_USERNAME = 150;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)) // by then the bucket would be full again
            .build();
    private final SecurityProperties properties;

    public LoginThrottle(SecurityProperties properties) {
        this.properties = properties;
    }

    /** How long a sign-in from this address as this user must wait; empty if it may try now. */
    public Optional<Duration> waitBeforeTrying(String address, String username) {
        long nanos = Math.max(wait(addressKey(address)), username == null ? 0 : wait(usernameKey(username)));
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** Counts a failed sign-in (wrong password or unknown user) against its address and username. */
    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            bucket(addressKey(details.getRemoteAddress())).tryConsume(1);
        }
        String username = event.getAuthentication().getName();
        if (username != null) {
            bucket(usernameKey(username)).tryConsume(1);
        }
    }

    private long wait(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(properties.failuresPerMinute())
                        .refillGreedy(properties.failuresPerMinute(), Duration.ofMinutes(1)).build())
                .addLimit(Bandwidth.builder().capacity(properties.failuresPerHour())
                        .refillGreedy(properties.failuresPerHour(), Duration.ofHours(1)).build())
                .build());
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String usernameKey(String username) {
        return "user:" + (username.length() > MAX_USERNAME ? username.substring(0, MAX_USERNAME) : username);
    }
}

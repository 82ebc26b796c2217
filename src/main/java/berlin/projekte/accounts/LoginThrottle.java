package berlin.projekte.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, per account (the username, known or not, alike) and per client address: a token
 * bucket each (Bucket4j), per minute and per hour ({@link SecurityProperties}); an empty one makes
 * every sign-in of that account or address wait (429), never a lockout. With Redis the buckets are
 * shared by all instances ({@link SharedSignInBudgets}), each instance keeps its own as the fallback,
 * and only a key that failed here recently asks Redis ({@link #recentFailures}). Why, the cost and
 * the limits: docs/sign-in.md.
 */
@Component
public class LoginThrottle {

    /** Usernames are at most 150 characters; a longer one is throttled by its first 150. */
    private static final int MAX_USERNAME = 150;

    private record Budget(String kind, BucketConfiguration limits) {

        Budget(String kind, int perMinute, int perHour) {
            this(kind, BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                    .build());
        }

        /** This instance's bucket, on the monotonic clock ({@link System#nanoTime}): a wall-clock jump refills nothing. */
        Bucket localBucket() {
            var bucket = Bucket.builder().withNanosecondPrecision();
            Arrays.stream(limits.getBandwidths()).forEach(bucket::addLimit);
            return bucket.build();
        }
    }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)) // by then the bucket would be full again
            .build();
    /** Key → nanoseconds until its shared bucket is full again, as Redis said at this instance's last failure of it. */
    private final Cache<String, Long> recentFailures = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(Expiry.writing((String key, Long fullInNanos) -> Duration.ofNanos(fullInNanos)))
            .build();
    private final Budget account;
    private final Budget address;
    private final SharedSignInBudgets shared;

    public LoginThrottle(SecurityProperties properties, ObjectProvider<SharedSignInBudgets> shared) {
        this.account = new Budget("account:", properties.accountFailuresPerMinute(), properties.accountFailuresPerHour());
        this.address = new Budget("address:", properties.addressFailuresPerMinute(), properties.addressFailuresPerHour());
        this.shared = shared.getIfAvailable();
    }

    /** How long a sign-in from this address as this user must wait; empty if it may try now. */
    public Optional<Duration> waitBeforeTrying(String from, String username) {
        long nanos = Math.max(wait(address, from), username == null ? 0 : wait(account, username(username)));
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** Counts a failed sign-in (wrong password or unknown user) against its address and account. */
    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            failed(address, details.getRemoteAddress());
        }
        String username = event.getAuthentication().getName();
        if (username != null) {
            failed(account, username(username));
        }
    }

    private long wait(Budget budget, String name) {
        String key = budget.kind() + name;
        Bucket bucket = buckets.getIfPresent(key);
        long here = bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        if (here > 0 || shared == null || recentFailures.getIfPresent(key) == null) {
            return here; // this instance's failures alone already say wait, or nothing to ask Redis about
        }
        return shared.nanosToWait(key, budget.limits()).orElse(here);
    }

    private void failed(Budget budget, String name) {
        String key = budget.kind() + name;
        buckets.get(key, k -> budget.localBucket()).tryConsume(1);
        if (shared != null) {
            shared.consume(key, budget.limits()).ifPresent(fullInNanos -> recentFailures.put(key, fullInNanos));
        }
    }

    private static String username(String username) {
        return username.length() > MAX_USERNAME ? username.substring(0, MAX_USERNAME) : username;
    }
}

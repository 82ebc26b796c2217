package berlin.projekte.accounts;

import berlin.projekte.web.ApiErrorHandler;
import berlin.projekte.web.DatabaseUnavailable;
import berlin.projekte.web.ErrorResponses;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Who may call what. The list endpoints, the health/metrics endpoints and the API documentation
 * ({@code /v3/api-docs}, {@code /swagger-ui.html}) are open to everyone
 * (an authenticated request there still carries its user, for {@code /api/privateprojects/});
 * the write API {@code /api/admin/**} needs a signed-in user whom {@link WriteAccess} allows the
 * request (before its body is read); everything else needs a signed-in user (deny by default).
 * Users sign in with HTTP Basic or a session login ({@code /login}) ({@link AccountSignIn}); failed
 * sign-ins are throttled ({@link LoginThrottle}). A write with a session cookie needs the CSRF token in the
 * {@code X-CSRF-TOKEN} header ({@code GET /api/csrf} gives it); a write with HTTP Basic credentials,
 * which a browser does not add on its own to a cross-site JSON request, or with no session at
 * all (nothing to forge), does not. A 401, 403 or 429 answers JSON; a 401 names the Basic realm;
 * a sign-in the database could not check is a 503. Browser headers: {@link SecurityProperties}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    public static final String REALM = "projekte";
    static final String CSRF_REQUIRED = "A write in a signed-in session needs the CSRF token in the X-CSRF-TOKEN header (GET /api/csrf).";

    /** The application's only chain; the commands ({@code devtools}, ...) run without a web server and need none. */
    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain securityFilterChain(HttpSecurity http, WriteAccess writeAccess, LoginThrottle throttle,
                                           SecurityProperties properties) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (DatabaseUnavailable.is(e)) {
                DatabaseUnavailable.write(response, e); // the user could not be read: 503, not a 401
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            ErrorResponses.write(response, HttpStatus.UNAUTHORIZED.value(), "Authentication required.");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> ErrorResponses.write(response, HttpStatus.FORBIDDEN.value(),
                e instanceof CsrfException ? CSRF_REQUIRED : "You are not allowed to do this.");
        http.authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/api/projects/**", "/api/privateprojects/**", "/api/extprojects/**", "/api/plans/**")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/login", "/logout", "/error", "/api/csrf").permitAll()
                        // the overview page: its static files, Leaflet, its session and CSRF endpoints
                        .requestMatchers("/", "/projekte/**", "/webjars/**").permitAll()
                        .requestMatchers("/api/admin/**").access(writeAccess)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized)
                        .authenticationDetailsSource(AccountSignIn.basicDetails())
                        // a Basic sign-in holds for its own request only, never for a session
                        .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // No generated login or logout page: the overview page has the sign-in form, which posts to /login
                // (a page of its own was one more thing to serve, and read the query string of every request to /login).
                .formLogin(form -> form.loginPage("/projekte/").loginProcessingUrl("/login").failureHandler(loginFailed()))
                .logout(Customizer.withDefaults())
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfig::needsCsrfToken))
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> {
                    headers.contentSecurityPolicy(csp -> csp.policyDirectives(properties.contentSecurityPolicy()));
                    headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.get(properties.referrerPolicy())));
                    if (properties.hsts()) {
                        // Behind a proxy that ends TLS the request itself looks like plain HTTP: send it always.
                        headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                                .maxAgeInSeconds(properties.hstsMaxAge().toSeconds()).includeSubDomains(false));
                    } else {
                        headers.httpStrictTransportSecurity(hsts -> hsts.disable());
                    }
                })
                // A default entry point per path (not a global one): the API answers JSON 401s, a browser elsewhere
                // is sent to the overview page, which has the sign-in form.
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(unauthorized, PathPatternRequestMatcher.pathPattern("/api/**"))
                        .defaultAuthenticationEntryPointFor(unauthorized, PathPatternRequestMatcher.pathPattern("/actuator/**"))
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /** A session login the database could not check is a 503; a wrong password or unknown user a JSON 401 (the page's script reads the session). */
    private static AuthenticationFailureHandler loginFailed() {
        return (request, response, e) -> {
            if (DatabaseUnavailable.is(e)) {
                DatabaseUnavailable.write(response, e);
            } else {
                ErrorResponses.write(response, HttpStatus.UNAUTHORIZED.value(), "Wrong username or password.");
            }
        };
    }

    /** The firewall's refusals (e.g. {@code //}, {@code %2e%2e}, control characters in the URL): a JSON 400, not a 500. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            log.debug("Request rejected: {}", e.getMessage());
            ErrorResponses.write(response, HttpStatus.BAD_REQUEST.value(), ApiErrorHandler.REJECTED);
        };
    }

    /**
     * CSRF applies to every unsafe method (POST, PUT, PATCH, DELETE), the login form included, but
     * for the API only to requests that come with a session cookie and no HTTP Basic credentials.
     */
    static boolean needsCsrfToken(HttpServletRequest request) {
        if (!CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)) {
            return false;
        }
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return true;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        return request.getRequestedSessionId() != null && !basic;
    }

    /**
     * The sign-in budgets in Redis wherever the lists are cached there ({@code projekte.cache.store=redis},
     * as in production), on the same Redis and client settings ({@code spring.data.redis.*}) and under the
     * cache's key prefix; without it (the embedded default) each instance keeps its own ({@link LoginThrottle}).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "projekte.cache.store", havingValue = "redis")
    SharedSignInBudgets sharedSignInBudgets(LettuceConnectionFactory redis, @Value("${projekte.cache.key-prefix:projekte}") String keyPrefix) {
        return new SharedSignInBudgets(redis::getRequiredNativeClient, keyPrefix + ":sign-in:", redis.getClientConfiguration().getCommandTimeout());
    }

    /** A warning when {@code X-Forwarded-For} arrives and is ignored ({@link IgnoredForwardedFor}). */
    @Bean
    @ConditionalOnWebApplication
    WebServerFactoryCustomizer<TomcatWebServerFactory> ignoredForwardedFor(ServerProperties server) {
        return factory -> {
            if (server.getForwardHeadersStrategy() != ServerProperties.ForwardHeadersStrategy.FRAMEWORK) {
                factory.addContextValves(new IgnoredForwardedFor());
            }
        };
    }

    /**
     * Delegating encoder ({@code {bcrypt}} by default, BCrypt's default strength), remembering
     * successful checks for a few minutes so HTTP Basic does not cost a BCrypt check per request.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new VerifiedPasswordCache(PasswordEncoderFactories.createDelegatingPasswordEncoder(), Ticker.systemTicker());
    }
}

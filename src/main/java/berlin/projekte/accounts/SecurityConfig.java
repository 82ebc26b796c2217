package berlin.projekte.accounts;

import berlin.projekte.web.DatabaseUnavailable;
import berlin.projekte.web.ErrorBodies;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. The list endpoints, the health/metrics endpoints and the API documentation
 * ({@code /v3/api-docs}, {@code /swagger-ui.html}) are open to everyone
 * (an authenticated request there still carries its user, for {@code /api/privateprojects/});
 * the write API {@code /api/admin/**} needs a signed-in user whom {@link WriteAccess} allows the
 * request (before its body is read); everything else needs a signed-in user (deny by default). Users sign in with HTTP Basic or a session login ({@code /login}). CSRF protection is
 * off for the JSON API under {@code /api/} (Basic-authenticated scripts; the write API only takes
 * {@code application/json}, which a cross-site form cannot send, and the session cookie is
 * SameSite=Lax). A 401 or 403 answers JSON; a 401 names the Basic realm.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    public static final String REALM = "projekte";

    /** The application's only chain; the commands ({@code devtools}, ...) run without a web server and need none. */
    @Bean
    @ConditionalOnWebApplication
    SecurityFilterChain securityFilterChain(HttpSecurity http, WriteAccess writeAccess) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (DatabaseUnavailable.is(e)) {
                DatabaseUnavailable.write(response, e); // the user could not be read: 503, not a 401
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            ErrorBodies.write(response, HttpStatus.UNAUTHORIZED.value(), "Authentication required.");
        };
        AccessDeniedHandler forbidden = (request, response, e) ->
                ErrorBodies.write(response, HttpStatus.FORBIDDEN.value(), "You are not allowed to do this.");
        http.authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers("/api/projects/**", "/api/privateprojects/**", "/api/extprojects/**", "/api/plans/**")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/login", "/logout", "/error").permitAll()
                        // the overview page: its static files, Leaflet, its session and CSRF endpoints
                        .requestMatchers("/", "/projekte/**", "/webjars/**").permitAll()
                        .requestMatchers("/api/admin/**").access(writeAccess)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                .formLogin(form -> form.failureHandler(loginFailed()))
                .logout(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
                // A default entry point per path (not a global one), so Spring still generates the /login page:
                // the API answers JSON 401s, a browser elsewhere is sent to the login form.
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(unauthorized, PathPatternRequestMatcher.pathPattern("/api/**"))
                        .defaultAuthenticationEntryPointFor(unauthorized, PathPatternRequestMatcher.pathPattern("/actuator/**"))
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /** A session login the database could not check is a 503; a wrong password goes back to the form. */
    private static AuthenticationFailureHandler loginFailed() {
        AuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, e) -> {
            if (DatabaseUnavailable.is(e)) {
                DatabaseUnavailable.write(response, e);
            } else {
                wrong.onAuthenticationFailure(request, response, e);
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

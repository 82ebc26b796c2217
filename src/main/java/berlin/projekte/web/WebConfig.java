package berlin.projekte.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Servlet-level pieces of the API: the request-record converter, undecodable query strings refused, the body-size limit of the
 * write API, no bodies on GET and HEAD, and Tomcat's own error page in JSON.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter() {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(new BodySizeLimitFilter());
        registration.addUrlPatterns("/api/admin/*");
        // Before Spring Security: an oversized body is refused before anything else looks at the request.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The write API's request records, bound by {@link RequestBinding} ahead of the default JSON converter. */
    @Bean
    WebMvcConfigurer jsonBodyConverter(RequestBinding binding) {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                builder.addCustomConverter(new JsonBodyConverter(binding));
            }
        };
    }

    @Bean
    FilterRegistrationBean<UndecodableUrlFilter> undecodableUrlFilter() {
        FilterRegistrationBean<UndecodableUrlFilter> registration = new FilterRegistrationBean<>(new UndecodableUrlFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 9);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodilessRequestFilter> bodilessRequestFilter() {
        FilterRegistrationBean<BodilessRequestFilter> registration = new FilterRegistrationBean<>(new BodilessRequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /**
     * Tomcat writes a body in chunks of its per-connection write buffer, 8 KB by default: a 196 KB
     * list was 25 socket writes. With 64 KB it is 4, and a bare servlet served such a list 2.4 times
     * as fast (bench/findings.md). The buffer is held per open connection, so connections are
     * capped at 1,024 (application.properties): 1,024 × 72 KB ≈ 74 MB at worst, less than Tomcat's
     * default 8,192 × 16 KB. The buffers are direct: a socket write from a heap buffer is first
     * copied by the JDK into a temporary direct one. Gzip hits of 16–48 KB were 4–14 % faster, other
     * answers unchanged (bench/findings.md); the ~74 MB at worst are then outside the heap
     * ({@code -XX:MaxDirectMemorySize} defaults to the maximum heap).
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> largeWrites() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER_BYTES));
            connector.setProperty("socket.directBuffer", "true");
        });
    }

    static final int WRITE_BUFFER_BYTES = 64 * 1024;

    /**
     * Replaces the host's HTML error report (and Spring Boot's copy of it) with {@link JsonErrorReportValve}.
     * Runs after Spring Boot's own Tomcat customizer (order 0), which adds its copy.
     */
    @Bean
    JsonErrorReport jsonErrorReport() {
        return new JsonErrorReport();
    }

    /**
     * Replaces the host's HTML error report (and Spring Boot's copy of it) with {@link JsonErrorReportValve}.
     * Ordered after Spring Boot's own Tomcat customizer (order 0), which adds its copy.
     */
    static final class JsonErrorReport implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                // The host adds a valve of this class when it starts, unless one is there already.
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                host.getPipeline().addValve(new JsonErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}

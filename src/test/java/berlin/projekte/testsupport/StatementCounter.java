package berlin.projekte.testsupport;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Counts the SQL statements the current thread executes, by wrapping the application's
 * DataSource. Counting is per thread, so background work of the application is not counted.
 * An HTTP request is counted on the server's thread, from before the first filter on
 * ({@link #get}), which also tells whether a hit filter answered it (it never reached the filters
 * after them).
 */
public final class StatementCounter implements BeanPostProcessor {

    /** Its value names a request to count. */
    private static final String HEADER = "X-Test-Count-Statements";
    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();
    /** Set on a counted request that reached the normal chain. */
    private static final String NORMAL_CHAIN = StatementCounter.class.getName() + ".normalChain";
    private static final Map<String, CompletableFuture<OnServer>> REQUESTS = new ConcurrentHashMap<>();

    /** Runs {@code work} and returns how many statements this thread executed meanwhile. */
    public static int count(Runnable work) {
        int[] counter = {0};
        COUNT.set(counter);
        try {
            work.run();
        } finally {
            COUNT.remove();
        }
        return counter[0];
    }

    /** A response, the statements the server executed for it, and whether a hit filter answered it. */
    public record Counted(Http.Response response, int statements, boolean byHitFilter) {
    }

    private record OnServer(int statements, boolean byHitFilter) {
    }

    /** {@code GET path} with these header name/value pairs, counted. */
    public static Counted get(Http http, String path, String... headers) {
        return send(http, "GET", path, headers);
    }

    /** {@code method path} without a body, with these header name/value pairs, counted. */
    public static Counted send(Http http, String method, String path, String... headers) {
        String name = UUID.randomUUID().toString();
        String[] counted = Arrays.copyOf(headers, headers.length + 2);
        counted[headers.length] = HEADER;
        counted[headers.length + 1] = name;
        Http.Response response = http.send(method, path, null, counted);
        OnServer server = ofRequest(name);
        return new Counted(response, server.statements(), server.byHitFilter());
    }

    /** What the request with {@link #HEADER} {@code name} did, once the server has finished it. */
    private static OnServer ofRequest(String name) {
        try {
            return request(name).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no count for request " + name, e);
        } finally {
            REQUESTS.remove(name);
        }
    }

    private static CompletableFuture<OnServer> request(String name) {
        return REQUESTS.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    /** Counting in an application context (a test's, or an instance of {@link TestInstances}). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }

        /**
         * Counts the requests with {@link #HEADER}: a Tomcat engine valve, so before every filter
         * (whatever their order), sign-in and the hit filters included.
         */
        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> statementCountingValve() {
            return factory -> factory.addEngineValves(new ValveBase(true) {
                @Override
                public void invoke(Request request, Response response) throws IOException, ServletException {
                    String name = request.getHeader(HEADER);
                    if (name == null) {
                        getNext().invoke(request, response);
                        return;
                    }
                    int[] counter = {0};
                    COUNT.set(counter);
                    try {
                        getNext().invoke(request, response);
                    } finally {
                        COUNT.remove();
                        request(name).complete(new OnServer(counter[0], request.getAttribute(NORMAL_CHAIN) == null));
                    }
                }
            });
        }

        /** Marks a counted request that went past the hit filters (first of all filters too) into the normal chain. */
        @Bean
        FilterRegistrationBean<Filter> normalChainProbe() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                request.setAttribute(NORMAL_CHAIN, Boolean.TRUE);
                chain.doFilter(request, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource) {
            return proxy(DataSource.class, dataSource, (method, args) -> {
                Object result = invoke(dataSource, method, args);
                return result instanceof Connection connection ? wrap(connection) : result;
            });
        }
        return bean;
    }

    private static Connection wrap(Connection connection) {
        return (Connection) proxy(Connection.class, connection, (method, args) -> {
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement) {
                Class<? extends Statement> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                        : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
                return proxy(type, statement, (m, a) -> {
                    if (m.getName().startsWith("execute")) {
                        int[] counter = COUNT.get();
                        if (counter != null) {
                            counter[0]++;
                        }
                    }
                    return invoke(statement, m, a);
                });
            }
            return result;
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static Object proxy(Class<?> type, Object target, Handler handler) {
        InvocationHandler invocation = (p, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return invoke(target, method, args);
            }
            return handler.handle(method, args);
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

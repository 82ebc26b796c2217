package berlin.projekte.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the current thread executes, by wrapping the application's
 * DataSource. Counting is per thread, so background work of the application is not counted.
 */
public final class StatementCounter implements BeanPostProcessor {

    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

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

package berlin.projekte.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The database cannot be reached (refused, timed out, shut down, frozen): {@code 503 {"detail": ...}}
 * with {@code Retry-After}, never a 500, and never a 401 when authentication could not read the user
 * (the security entry point asks {@link #is}). The short pool and socket timeouts in
 * application.properties make this answer come within about 2 s.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseUnavailable {

    public static final String DETAIL = "The database is unavailable; try again shortly.";
    public static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    @ExceptionHandler({DataAccessResourceFailureException.class, QueryTimeoutException.class,
            TransientDataAccessResourceException.class, RecoverableDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Map<String, Object>> unavailable(Exception e) {
        logSometimes(e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_JSON).body(ErrorResponses.body(DETAIL, Map.of()));
    }

    /** A failed rollback or commit hides the failure it followed: a 503 if either was the database's. */
    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<Map<String, Object>> transaction(TransactionSystemException e) {
        if (is(e) || is(e.getApplicationException())) {
            return unavailable(e);
        }
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body("Internal error.", Map.of()));
    }

    /** True if this exception, or one of its causes, says the database could not be reached in time. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof TransientDataAccessResourceException || t instanceof RecoverableDataAccessException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57"))) {
                return true; // connection exception, operator intervention (shutdown, statement timeout)
            }
        }
        return false;
    }

    /** The 503 written outside Spring MVC (security filters). */
    public static void write(HttpServletResponse response, Throwable e) throws IOException {
        logSometimes(e);
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        ErrorResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), DETAIL);
    }

    /** One line per 10 s at most: an outage must not flood the log with one line per request. */
    private static void logSometimes(Throwable e) {
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("database unavailable, answering 503: {}", rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

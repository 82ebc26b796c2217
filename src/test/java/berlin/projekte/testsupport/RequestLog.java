package berlin.projekte.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What handling requests wrote to the log: the records of Tomcat's request threads ({@code …-exec-N})
 * in captured output, with their stack traces. Other application contexts cached in the same test
 * JVM keep background threads (Lettuce's cluster topology refresh, the cache's liveness task) whose
 * warnings say nothing about the requests under test.
 */
public final class RequestLog {

    /** A record's first line: {@code 2026-11-27T09:59:13.872Z  WARN 28491 --- [projekte] [thread] logger : message}. */
    private static final Pattern RECORD = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+[A-Z]+ \\d+ --- \\[[^\\]]*] \\[\\s*([^\\]]*)]");

    private RequestLog() {
    }

    public static String of(String captured) {
        StringBuilder kept = new StringBuilder();
        boolean keeping = true; // output before the first record (a test's own prints) is kept
        for (String line : captured.split("\n", -1)) {
            Matcher record = RECORD.matcher(line);
            if (record.find()) {
                keeping = record.group(1).contains("-exec-");
            }
            if (keeping) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}

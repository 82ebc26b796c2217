package berlin.projekte.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void keepsTheRecordsOfRequestThreadsWithTheirStackTracesAndNothingElse() {
        String captured = """
                2026-11-27T09:59:13.872Z  WARN 28491 --- [projekte] [tuce-timer-13-1] i.l.c.c.ClusterTopologyRefreshScheduler  : Cannot refresh
                java.util.concurrent.CompletionException: topology
                \tat io.lettuce.core.cluster.RedisClusterClient.lambda(RedisClusterClient.java:1058)
                2026-11-27T09:59:14.001Z ERROR 28491 --- [projekte] [o-39321-exec-10] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet failed
                java.lang.IllegalStateException: boom
                \tat berlin.projekte.web.Something.handle(Something.java:1)
                2026-11-27T09:59:14.002Z  INFO 28491 --- [projekte] [           main] b.p.web.Other                            : started
                """;
        String kept = RequestLog.of(captured);
        assertThat(kept).contains(" ERROR ", "Servlet failed", "\tat berlin.projekte.web.Something")
                .doesNotContain("Cannot refresh", "RedisClusterClient", "started");
    }
}

package berlin.projekte.web;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.testsupport.PostgresTest;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The running connector writes in 64 KB chunks from direct buffers and keeps at most 1,024 connections (WebConfig.largeWrites). */
class LargeWritesTest extends PostgresTest {

    @Autowired WebServerApplicationContext context;

    @Test
    void theConnectorWritesLargeChunksAndCapsItsConnections() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProperty("socket.appWriteBufSize")).isEqualTo(Integer.toString(WebConfig.WRITE_BUFFER_BYTES));
        assertThat(connector.getProperty("socket.directBuffer")).isEqualTo("true");
        assertThat(connector.getProperty("maxConnections")).isEqualTo(1024);
    }
}

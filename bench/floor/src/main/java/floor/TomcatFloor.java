package floor;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** usage: TomcatFloor PORT DIR — embedded Tomcat, NIO connector, keep-alive and write chunks as the application's. */
public final class TomcatFloor {

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("floor-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(Integer.parseInt(args[0]));
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "10000");
        // as the application (web/WebConfig.largeWrites): bodies written in 64 KB chunks, from direct buffers
        connector.setProperty("socket.appWriteBufSize", "65536");
        connector.setProperty("socket.directBuffer", "true");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "lists", new ListBytesServlet(Path.of(args[1])));
        context.addServletMappingDecoded("/*", "lists");
        tomcat.start();
        System.out.println("tomcat floor on " + args[0]);
        tomcat.getServer().await();
    }
}

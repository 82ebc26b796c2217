package floor;

import java.nio.file.Path;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** usage: JettyFloor PORT DIR — embedded Jetty 12 (EE 11 servlet), one HTTP/1.1 connector. */
public final class JettyFloor {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new ListBytesServlet(Path.of(args[1]))), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("jetty floor on " + args[0]);
        server.join();
    }
}

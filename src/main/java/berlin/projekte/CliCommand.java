package berlin.projekte;

import java.io.PrintStream;
import java.util.List;

/**
 * A command run from the packaged application instead of the server:
 * {@code java -jar projekte.jar NAME [options]}.
 */
public interface CliCommand {

    String name();

    /** Runs with the arguments after the name; returns the process exit code. */
    int run(List<String> args, PrintStream out);
}

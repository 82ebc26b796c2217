package berlin.projekte;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProjekteApplication {

    /** Names of the {@link CliCommand}s; without one, the arguments are all {@code --property=value} and start the server. */
    static final Set<String> COMMANDS = Set.of("devtools", "clear-cache", "createsuperuser");
    static final String USAGE = """
            usage: java -jar projekte.jar [--property=value ...]                 the server
                   java -jar projekte.jar COMMAND [options] [--property=value ...]
            commands: devtools, clear-cache, createsuperuser""";
    private static final Pattern PROPERTY = Pattern.compile("--[\\w-]+(\\.[\\w\\[\\]-]+)+=.*", Pattern.DOTALL);

    public static void main(String[] args) {
        String command = commandWord(args);
        if (command != null && !COMMANDS.contains(command)) {
            // A typo or a misplaced word must not start a server nobody asked for.
            System.err.println("unknown command '" + command + "'\n" + USAGE);
            System.exit(2);
        }
        if (command != null) {
            System.exit(runCommand(args));
        }
        SpringApplication.run(ProjekteApplication.class, args);
    }

    /**
     * The command: the first argument that is not an option ({@code --...}), wherever it stands
     * ({@code --spring.profiles.active=production createsuperuser ...} works too); null when there
     * is none, which starts the server.
     */
    static String commandWord(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst().orElse(null);
    }

    /** Starts the application without web server, periodic job or demo data, and runs one command. */
    static int runCommand(String[] args) {
        String name = commandWord(args);
        List<String> options = commandOptions(args);
        // As command-line arguments, these outrank application.properties (default properties would not).
        // (Unless given: a property given twice on the command line is read as "false,false".)
        // A command's batch writes may take longer than the server's fail-fast database timeouts allow.
        Stream<String> defaults = Stream.of("--projekte.transitions.enabled=false", "--projekte.demo-data=false",
                        "--projekte.cache.refresh-ahead=false", "--spring.main.banner-mode=off",
                        "--spring.datasource.hikari.connection-timeout=30000",
                        "--spring.datasource.hikari.data-source-properties.socketTimeout=0",
                        "--spring.datasource.hikari.data-source-properties.options=-c statement_timeout=0")
                .filter(d -> Arrays.stream(args).noneMatch(a -> a.startsWith(d.substring(0, d.indexOf('=') + 1))));
        String[] contextArgs = Stream.concat(defaults, Arrays.stream(args)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProjekteApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(contextArgs)) {
            CliCommand command = context.getBeansOfType(CliCommand.class).values().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no command " + name));
            return command.run(options, System.out);
        }
    }

    /**
     * The command's own options: the arguments but its name and the properties
     * ({@code --spring.profiles.active=production}, {@code --projekte.cache.key-prefix=x}: a dotted
     * name and a value), which configure the context; the commands' options have no dots.
     */
    static List<String> commandOptions(String[] args) {
        List<String> options = new ArrayList<>(Arrays.asList(args));
        options.remove(commandWord(args));
        return options.stream().filter(a -> !PROPERTY.matcher(a).matches()).toList();
    }
}

package berlin.projekte.accounts;

import berlin.projekte.CliCommand;
import java.io.PrintStream;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar projekte.jar createsuperuser --username U --password P}: bootstraps the write API
 * on an empty database, or resets a forgotten password.
 */
@Component
class CreateSuperuserCommand implements CliCommand {

    private static final String USAGE = "usage: createsuperuser --username U --password P";

    private final Superusers superusers;

    CreateSuperuserCommand(Superusers superusers) {
        this.superusers = superusers;
    }

    @Override
    public String name() {
        return "createsuperuser";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        String username = null;
        String password = null;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--username" -> username = args.get(i + 1);
                case "--password" -> password = args.get(i + 1);
                default -> {
                    out.println("unknown option " + args.get(i) + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (args.size() % 2 != 0 || username == null || password == null) {
            out.println(USAGE);
            return 2;
        }
        try {
            Superusers.Outcome outcome = superusers.createOrResetSuperuser(username, password);
            out.println(outcome == Superusers.Outcome.CREATED ? "created superuser " + username
                    : "reset the password of " + username + " and made it a superuser");
            return 0;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
    }
}

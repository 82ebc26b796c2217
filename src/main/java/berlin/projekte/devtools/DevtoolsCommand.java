package berlin.projekte.devtools;

import berlin.projekte.CliCommand;
import berlin.projekte.devtools.FakePopulation.Counts;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar projekte.jar devtools [--projects N] [--plans N] [--ext-projects N] [--delete] [--seed S]}
 * (docs/operations.md, commands). Without options it prints the counts.
 */
@Component
class DevtoolsCommand implements CliCommand {

    static final String USAGE = "usage: devtools [--projects N] [--plans N] [--ext-projects N] [--delete] [--seed S]";
    private static final Set<String> NUMBERS = Set.of("--projects", "--plans", "--ext-projects", "--seed");

    private final FakePopulation fakes;

    DevtoolsCommand(FakePopulation fakes) {
        this.fakes = fakes;
    }

    @Override
    public String name() {
        return "devtools";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        Map<String, Long> numbers = new HashMap<>();
        boolean delete = false;
        for (int i = 0; i < args.size(); i++) {
            String[] option = args.get(i).split("=", 2);
            if (option[0].equals("--delete") && option.length == 1) {
                delete = true;
            } else if (NUMBERS.contains(option[0])) {
                String value = option.length == 2 ? option[1] : i + 1 < args.size() ? args.get(++i) : null;
                Long number = parse(value, !option[0].equals("--seed"));
                if (number == null) {
                    out.println(option[0] + " needs " + (option[0].equals("--seed") ? "a number" : "a count from 0 to 100000")
                            + ", not " + value + "\n" + USAGE);
                    return 2;
                }
                numbers.put(option[0], number);
            } else {
                out.println("unknown option " + args.get(i) + "\n" + USAGE);
                return 2;
            }
        }
        if (delete) {
            if (numbers.keySet().stream().anyMatch(o -> !o.equals("--seed"))) {
                out.println("--delete takes no counts\n" + USAGE);
                return 2;
            }
            Counts deleted = fakes.deleteAll();
            out.println("deleted " + describe(deleted) + " and the fake users, organisations and groups");
            return 0;
        }
        if (numbers.isEmpty()) {
            out.println(describe(fakes.count()));
            return 0;
        }
        long seed = numbers.containsKey("--seed") ? numbers.get("--seed") : ThreadLocalRandom.current().nextInt(1_000_000);
        long started = System.nanoTime();
        Counts now = fakes.ensure(count(numbers, "--projects"), count(numbers, "--plans"), count(numbers, "--ext-projects"), seed);
        out.printf("now %s (seed %d, %d ms)%n", describe(now), seed, (System.nanoTime() - started) / 1_000_000);
        return 0;
    }

    private static Integer count(Map<String, Long> numbers, String option) {
        Long n = numbers.get(option);
        return n == null ? null : n.intValue();
    }

    private static Long parse(String value, boolean count) {
        try {
            long n = Long.parseLong(value);
            return count && (n < 0 || n > 100_000) ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String describe(Counts counts) {
        return counts.projects() + " fake projects, " + counts.plans() + " fake plans, " + counts.extProjects() + " fake external projects";
    }
}

package berlin.projekte.projects;

import berlin.projekte.accounts.Viewer;
import berlin.projekte.web.Json;
import berlin.projekte.web.Language;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request step of {@code /api/privateprojects/} on a hit: {@link PrivateProjectEntry#filter}
 * decodes the shared entry (every private item with its viewer ids) and splices the bytes of the
 * items the user may view. {@code items} private projects with {@code viewers} viewer ids each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PrivateFilterBenchmark {

    @Param({"55", "550"})
    int items;

    @Param({"10"})
    int viewers;

    private byte[] entry;
    private Viewer member;
    private Viewer outsider;
    private Viewer superuser;

    @Setup
    public void setUp() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        ProjectItemWriter writer = new ProjectItemWriter(ZoneId.of("Europe/Berlin"));
        Random random = new Random(2);
        List<PrivateProjectEntry.Item> list = new ArrayList<>();
        for (ListedProject project : FakeProjects.make(items, now, 2)) {
            byte[] json = Json.render(g -> writer.write(g, project, now, Language.DE, true, null));
            Set<Long> ids = new HashSet<>();
            while (ids.size() < viewers) {
                ids.add(1L + random.nextInt(2000));
            }
            if (project.id() % 10 == 0) {
                ids.add(7L); // the member sees every tenth project
            }
            ids.remove(9999L);
            list.add(new PrivateProjectEntry.Item(json, ids));
        }
        entry = PrivateProjectEntry.encode(list);
        member = new Viewer(7L, false);
        outsider = new Viewer(9999L, false);
        superuser = new Viewer(1L, true);
    }

    @Benchmark
    public byte[] member() {
        return PrivateProjectEntry.filter(entry, member);
    }

    @Benchmark
    public byte[] outsider() {
        return PrivateProjectEntry.filter(entry, outsider);
    }

    @Benchmark
    public byte[] superuser() {
        return PrivateProjectEntry.filter(entry, superuser);
    }
}

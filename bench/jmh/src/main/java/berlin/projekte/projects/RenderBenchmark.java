package berlin.projekte.projects;

import berlin.projekte.cache.EntryEncoding;
import berlin.projekte.web.Json;
import berlin.projekte.web.Language;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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
 * Rendering a whole project list to bytes, as {@code ProjectLists.renderList} does on a miss (the
 * SQL part is not measured here): every project's status, then its item via {@link ProjectItemWriter}.
 * {@code renderAndEncode} adds what a miss does before storing: the gzip copy and the ETag.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    @Param({"550"})
    int projects;

    @Param({"DE"})
    Language language;

    private List<ListedProject> list;
    private Instant now;
    private ProjectItemWriter writer;
    private byte[] rendered;

    @Setup
    public void setUp() {
        now = Instant.parse("2026-11-25T12:00:00Z");
        list = FakeProjects.make(projects, now, 1);
        writer = new ProjectItemWriter(ZoneId.of("Europe/Berlin"));
        rendered = renderAll();
    }

    private byte[] render(ParticipationStatus only) {
        return Json.render(g -> {
            g.writeStartArray();
            for (ListedProject project : list) {
                if (only == null || project.timeline().statusAt(now) == only) {
                    writer.write(g, project, now, language, true, null);
                }
            }
            g.writeEndArray();
        });
    }

    /** {@code /api/projects/}: all items. */
    @Benchmark
    public byte[] renderAll() {
        return render(null);
    }

    /** {@code ?status=activeParticipation}: a status per project, about a third rendered. */
    @Benchmark
    public byte[] renderActive() {
        return render(ParticipationStatus.ACTIVE);
    }

    /** The status rule alone, for every project. */
    @Benchmark
    public int statusOnly() {
        int active = 0;
        for (ListedProject project : list) {
            if (project.timeline().statusAt(now) == ParticipationStatus.ACTIVE) {
                active++;
            }
        }
        return active;
    }

    /** The gzip copy and the ETag of a rendered {@code /api/projects/}. */
    @Benchmark
    public Object gzipAndEtag() {
        return EntryEncoding.gzipAndEtag(rendered);
    }

    /** Everything a miss does after the SQL: render, gzip, ETag. */
    @Benchmark
    public Object renderAndEncode() {
        return EntryEncoding.gzipAndEtag(renderAll());
    }
}

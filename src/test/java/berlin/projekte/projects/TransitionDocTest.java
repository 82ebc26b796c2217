package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListKey;
import berlin.projekte.testsupport.MarkdownTables;
import berlin.projekte.testsupport.MarkdownTables.Table;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/cache.md's table of what a phase start and a phase end evict is the eviction table's ({@link berlin.projekte.cache.Evictions#atPhaseBoundary()}, as the job applies it). */
class TransitionDocTest {

    @Test
    void theTransitionTableIsTheJobs() {
        Table table = MarkdownTables.tables("docs/cache.md").stream().filter(t -> t.startsWith("phase", "lists evicted")).findFirst()
                .orElseThrow();
        assertThat(table.rows()).extracting(row -> row.get(0)).containsExactlyInAnyOrder("start", "end");
        for (List<String> row : table.rows()) {
            Set<ListKey> evicted = new TransitionJob.Transition(Instant.EPOCH, row.get(0).equals("start")).evicts();
            assertThat(new TreeSet<>(MarkdownTables.code(row.get(1)))).as("docs/cache.md: a phase " + row.get(0))
                    .isEqualTo(evicted.stream().map(ListKey::logicalName).collect(Collectors.toCollection(TreeSet::new)));
        }
    }
}

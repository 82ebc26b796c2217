package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.accounts.Viewer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The private-view rule on the shared entry, without a database: who sees which item, in the
 * entry's order, as one JSON array. (PrivateProjectsPopulationTest checks it end to end.)
 */
class PrivateProjectEntryTest {

    // built per test (not in a static initializer): encoding is part of what is tested
    private final byte[] entry = PrivateProjectEntry.encode(List.of(
            item("{\"id\":1}", 10L, 11L),
            item("{\"id\":2}"),                 // only superusers
            item("{\"id\":3}", 11L),
            item("{\"id\":4}", 12L)));

    private static PrivateProjectEntry.Item item(String json, Long... viewers) {
        return new PrivateProjectEntry.Item(json.getBytes(StandardCharsets.UTF_8), Set.of(viewers));
    }

    private String filter(Viewer viewer) {
        return new String(PrivateProjectEntry.filter(entry, viewer), StandardCharsets.UTF_8);
    }

    @Test
    void eachViewerGetsExactlyTheItemsListingThem() {
        assertThat(filter(new Viewer(10L, false))).isEqualTo("[{\"id\":1}]");
        assertThat(filter(new Viewer(11L, false))).isEqualTo("[{\"id\":1},{\"id\":3}]");
        assertThat(filter(new Viewer(12L, false))).isEqualTo("[{\"id\":4}]");
        assertThat(filter(new Viewer(13L, false))).isEqualTo("[]");
    }

    @Test
    void aSuperuserGetsEveryItemInOrder() {
        assertThat(filter(new Viewer(99L, true))).isEqualTo("[{\"id\":1},{\"id\":2},{\"id\":3},{\"id\":4}]");
    }

    @Test
    void anonymousGetsNothingEvenWhereAnItemHasNoViewers() {
        assertThat(filter(Viewer.ANONYMOUS)).isEqualTo("[]");
        assertThat(filter(new Viewer(null, true))).as("a superuser flag without a user").isEqualTo("[]");
    }

    @Test
    void anEmptyEntryIsAnEmptyList() {
        assertThat(new String(PrivateProjectEntry.filter(PrivateProjectEntry.encode(List.of()), new Viewer(99L, true)),
                StandardCharsets.UTF_8)).isEqualTo("[]");
    }
}

package berlin.projekte.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListKeyTest {

    @Test
    void theStatusParameterNamesOneOfTheThreeStatusListsOrNothing() {
        assertThat(ListKey.forProjectStatus(null)).contains(ListKey.PROJECTS);
        assertThat(ListKey.forProjectStatus("activeParticipation")).contains(ListKey.PROJECTS_ACTIVE);
        assertThat(ListKey.forProjectStatus("futureParticipation")).contains(ListKey.PROJECTS_FUTURE);
        assertThat(ListKey.forProjectStatus("pastParticipation")).contains(ListKey.PROJECTS_PAST);
        assertThat(ListKey.forProjectStatus("")).isEqualTo(Optional.empty());
        assertThat(ListKey.forProjectStatus("bogus")).isEmpty();
    }

    @Test
    void onlyThePrivateListIsPerUser() {
        for (ListKey key : ListKey.values()) {
            assertThat(key.isPerUser()).as(key.logicalName()).isEqualTo(key == ListKey.PRIVATE_PROJECTS);
        }
    }
}

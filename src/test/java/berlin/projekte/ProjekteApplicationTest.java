package berlin.projekte;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which arguments of {@code java -jar projekte.jar COMMAND ...} are the command's and which configure Spring. */
class ProjekteApplicationTest {

    @Test
    void propertiesGoToSpringTheRestToTheCommand() {
        assertThat(ProjekteApplication.commandOptions(new String[] {"devtools", "--projects", "50", "--spring.profiles.active=production",
                "--projekte.cache.key-prefix=bench", "--projects=10", "--seed", "3", "--delete"}))
                .containsExactly("--projects", "50", "--projects=10", "--seed", "3", "--delete");
        assertThat(ProjekteApplication.commandOptions(new String[] {"createsuperuser", "--username", "a.b", "--password", "x.y=z"}))
                .containsExactly("--username", "a.b", "--password", "x.y=z");
    }
}

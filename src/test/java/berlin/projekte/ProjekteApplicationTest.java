package berlin.projekte;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void theCommandMayFollowTheProperties() {
        String[] args = {"--spring.profiles.active=production", "createsuperuser", "--username", "x", "--password", "y"};
        assertThat(ProjekteApplication.commandWord(args)).isEqualTo("createsuperuser");
        assertThat(ProjekteApplication.commandOptions(args)).containsExactly("--username", "x", "--password", "y");
        assertThat(ProjekteApplication.commandWord(new String[] {"--server.port=8081"})).isNull();
    }

    /** The old trap: a word that is not a command started a full server on every interface, and never exited. */
    @Test
    void aWordThatIsNotACommandFailsWithTheUsageWhereverItStands() throws Exception {
        for (List<String> args : List.of(List.of("createsuperusr", "--username", "x"),
                List.of("--projekte.demo-data=false", "--server.port", "0"),
                List.of("--projekte.demo-data=false", "--server.port=0", "start"))) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), ProjekteApplication.class.getName(),
                    "--spring.datasource.url=jdbc:h2:mem:never", "--spring.main.banner-mode=off"));
            command.addAll(args);
            File output = File.createTempFile("projekte-cli", ".log");
            output.deleteOnExit();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            assertThat(exited).as(args + " must not start a server").isTrue();
            assertThat(process.exitValue()).as(args.toString()).isEqualTo(2);
            assertThat(Files.readString(output.toPath(), StandardCharsets.UTF_8)).contains("usage: java -jar projekte.jar");
        }
    }
}

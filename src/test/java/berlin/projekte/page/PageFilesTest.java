package berlin.projekte.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page's own files stay within a strict Content-Security-Policy (default-src 'self'): no
 * inline script or style, no style attribute, no eval, no markup built from strings.
 */
class PageFilesTest {

    static final Path PAGE = Path.of("src/main/resources/static/projekte");

    static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(PAGE)) {
            return files.filter(f -> f.toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void htmlHasNoInlineScriptOrStyle() throws IOException {
        for (Path html : files(".html")) {
            String text = Files.readString(html);
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(text).find()).as(html + ": inline script").isFalse();
            assertThat(text).as(html.toString()).doesNotContain("<style", " style=", "javascript:").doesNotContainPattern(" on[a-z]+=");
        }
    }

    @Test
    void scriptsUseNoEvalNorMarkupStrings() throws IOException {
        List<Path> scripts = files(".js");
        assertThat(scripts).isNotEmpty();
        for (Path script : scripts) {
            assertThat(Files.readString(script)).as(script.toString())
                    .doesNotContain("eval(", "new Function", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                            "setAttribute('style'", "cssText");
        }
    }
}

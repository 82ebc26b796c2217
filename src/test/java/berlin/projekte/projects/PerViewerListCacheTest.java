package berlin.projekte.projects;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.accounts.Viewer;
import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListResponses.PerUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each viewer's filtered list is made once per entry, and a new entry or another viewer never gets an old one. */
class PerViewerListCacheTest {

    private final PerViewerListCache perViewer = new PerViewerListCache();

    private static CachedList entry(String... items) throws Exception {
        List<PrivateProjectEntry.Item> listed = new java.util.ArrayList<>();
        for (String item : items) {
            listed.add(new PrivateProjectEntry.Item(item.getBytes(StandardCharsets.UTF_8), Set.of(10L)));
        }
        byte[] body = PrivateProjectEntry.encode(listed);
        // the entry's ETag as the cache makes it: a SHA-256 of its bytes, computed here independently
        String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
        return new CachedList(body, null, etag, true);
    }

    private static String text(PerUser body) {
        return new String(body.body(), StandardCharsets.UTF_8);
    }

    @Test
    void oneViewersListIsMadeOncePerEntry() throws Exception {
        CachedList entry = entry("{\"id\":1}");
        Viewer member = new Viewer(10L, false);
        PerUser first = perViewer.forViewer(entry, member);
        assertThat(text(first)).isEqualTo("[{\"id\":1}]");
        assertThat(perViewer.forViewer(entry, member)).isSameAs(first);
        assertThat(perViewer.forViewer(entry("{\"id\":1}"), member)).as("the same bytes, however they arrived").isSameAs(first);
    }

    @Test
    void aNewEntryOrAnotherViewerGetsItsOwn() throws Exception {
        Viewer member = new Viewer(10L, false);
        assertThat(text(perViewer.forViewer(entry("{\"id\":1}"), member))).isEqualTo("[{\"id\":1}]");
        assertThat(text(perViewer.forViewer(entry("{\"id\":1}", "{\"id\":2}"), member))).as("a new entry").isEqualTo("[{\"id\":1},{\"id\":2}]");
        assertThat(text(perViewer.forViewer(entry("{\"id\":1}"), new Viewer(11L, false)))).as("not a viewer").isEqualTo("[]");
        assertThat(text(perViewer.forViewer(entry("{\"id\":1}"), new Viewer(10L, true)))).as("the flag counts").isEqualTo("[{\"id\":1}]");
        assertThat(perViewer.forViewer(entry("{\"id\":1}"), new Viewer(11L, true)).etag())
                .as("each body its own ETag").isNotEqualTo(perViewer.forViewer(entry("{\"id\":1}"), new Viewer(11L, false)).etag());
    }
}

package berlin.projekte.projects;

import berlin.projekte.accounts.Viewer;
import berlin.projekte.cache.CachedList;
import berlin.projekte.cache.ListResponses.PerUser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Each viewer's filtered private list, made once per shared entry: filtering, hashing and
 * compressing it was most of a private hit's remaining work. A pure function of the entry's bytes
 * (named by its ETag, a SHA-256 of them) and the viewer (id and superuser flag), so it needs no
 * eviction: who the viewer is, and which entry is current, are decided per request before it is
 * asked ({@code accounts.ViewerCache}, the list cache). Bounded by bytes; an entry that is no
 * longer current ages out.
 */
@Component
class PerViewerListCache {

    static final long MAX_BYTES = 16L * 1024 * 1024;

    private record Key(String entryEtag, Viewer viewer) {
    }

    private final Cache<Key, PerUser> bodies = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .<Key, PerUser>weigher((key, body) -> body.weight())
            .build();

    PerUser forViewer(CachedList entry, Viewer viewer) {
        Key key = new Key(Objects.requireNonNull(entry.etag(), "an entry without ETag"), viewer);
        return bodies.get(key, k -> PerUser.of(PrivateProjectEntry.filter(entry.body(), viewer)));
    }
}

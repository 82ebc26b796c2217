package berlin.projekte.cache;

import berlin.projekte.web.Languages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** What the list endpoints share: a key's cached list in the language the request asks for. */
@Component
public class PublicLists {

    private final ListCache cache;
    private final Languages languages;

    PublicLists(ListCache cache, Languages languages) {
        this.cache = cache;
        this.languages = languages;
    }

    /** The list for this key in the language chosen for this {@code Accept-Language} header. */
    public CachedList get(ListKey key, String acceptLanguage) {
        return cache.get(key, languages.choose(acceptLanguage));
    }

    /** That list as a shared response (ETag, gzip when accepted). */
    public ResponseEntity<byte[]> respond(ListKey key, String acceptLanguage, HttpServletRequest request) {
        return ListResponses.shared(get(key, acceptLanguage), request);
    }
}

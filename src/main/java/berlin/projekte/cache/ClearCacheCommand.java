package berlin.projekte.cache;

import berlin.projekte.CliCommand;
import berlin.projekte.web.Language;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar projekte.jar clear-cache [--spring.profiles.active=production]}: evicts every
 * entry of the configured store and prints what was stored. (With the in-process store there is
 * nothing to clear from another process: it says so.)
 */
@Component
class ClearCacheCommand implements CliCommand {

    private final ListCache cache;

    ClearCacheCommand(ListCache cache) {
        this.cache = cache;
    }

    @Override
    public String name() {
        return "clear-cache";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (!args.isEmpty()) {
            out.println("usage: clear-cache   (takes no options besides --spring.*)");
            return 2;
        }
        Map<String, List<String>> before = describe(cache.entries());
        Set<ListKey> evicted = cache.clear();
        if (cache.storeName().equals("redis") && !cache.storeReachable()) {
            out.println("cache (redis): Redis is unreachable, nothing was cleared. Running instances invalidate every"
                    + " entry themselves once Redis answers again; run clear-cache again to be sure.");
            return 1;
        }
        if (cache.storeName().equals("redis")) {
            out.println("cache (redis): evicted " + evicted.size() + " keys in every language; stored before: "
                    + (before.isEmpty() ? "nothing" : before));
        } else {
            out.println("cache (" + cache.storeName() + "): the entries live inside each running server process;"
                    + " restart it or use POST /api/admin/cache/clear. Nothing to clear here.");
        }
        return 0;
    }

    static Map<String, List<String>> describe(Map<ListKey, Set<Language>> entries) {
        Map<String, List<String>> described = new TreeMap<>();
        entries.forEach((key, languages) ->
                described.put(key.logicalName(), languages.stream().map(Language::code).sorted().toList()));
        return described;
    }
}

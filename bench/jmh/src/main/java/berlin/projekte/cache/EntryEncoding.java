package berlin.projekte.cache;

/** Reaches the package-private encoding steps of {@link ListCache} for the benchmarks. */
public final class EntryEncoding {

    private EntryEncoding() {
    }

    public static Object[] gzipAndEtag(byte[] body) {
        return new Object[] {ListCache.gzip(body), ListCache.etag(body)};
    }
}

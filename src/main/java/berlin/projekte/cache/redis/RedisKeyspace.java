package berlin.projekte.cache.redis;

import berlin.projekte.cache.ListKey;
import berlin.projekte.web.Language;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Redis store's keys and channels, all under {@code prefix:{vSCHEMA}:} ({@link RedisStore}):
 * per list its generation ({@code …:plans:gen}) and its entries ({@code …:plans:de}); the liveness
 * key; the near copies' lease registry and its origin; the eviction and acknowledgement channels
 * ({@link NearLeases}).
 */
final class RedisKeyspace {

    /**
     * The schema version in every physical key. Change it whenever the keys or the JSON change; a new
     * frame layout changes {@code RedisFrame}'s version instead (a frame of the other version is a miss).
     */
    static final int SCHEMA = 2;
    private static final int LANGUAGES = Language.values().length;
    /** A list's keys in a script: its generation, then its entry per language. */
    static final int STRIDE = 1 + LANGUAGES;

    final String namespace;
    final byte[] alive;
    final byte[] leases;
    final byte[] leasesSince;
    final byte[] evictedChannel;
    final byte[] acknowledgedChannel;
    /** Liveness, the lease registry and its origin, then per list its generation and entries: what the liveness script invalidates. */
    final byte[][] all;
    /** The list of each generation key, as eviction messages name them. */
    final Map<String, ListKey> byGenerationKey = new HashMap<>();
    private final byte[][] generations = new byte[ListKey.values().length][];
    private final byte[][][] entries = new byte[ListKey.values().length][LANGUAGES][];

    RedisKeyspace(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.contains(" ") || prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("projekte.cache.key-prefix must be a non-empty word without braces: '" + prefix + "'");
        }
        namespace = namespace(prefix);
        alive = bytes(namespace + "alive");
        leases = bytes(namespace + "leases");
        leasesSince = bytes(namespace + "leases-since");
        evictedChannel = bytes(namespace + "evicted");
        acknowledgedChannel = bytes(namespace + "acknowledged");
        List<byte[]> keys = new ArrayList<>(List.of(alive, leases, leasesSince));
        for (ListKey key : ListKey.values()) {
            byGenerationKey.put(namespace + key.logicalName() + ":gen", key);
            generations[key.ordinal()] = bytes(namespace + key.logicalName() + ":gen");
            keys.add(generations[key.ordinal()]);
            for (Language language : Language.values()) {
                entries[key.ordinal()][language.ordinal()] = bytes(physicalKey(prefix, key, language));
                keys.add(entries[key.ordinal()][language.ordinal()]);
            }
        }
        all = keys.toArray(new byte[0][]);
    }

    /** The physical key of an entry: {@code projekte:{v2}:projects_activeParticipation:de}. */
    static String physicalKey(String prefix, ListKey key, Language language) {
        return namespace(prefix) + key.logicalName() + ":" + language.code();
    }

    /** Every key starts so; {@code {v2}} is the hash tag that keeps them in one Redis Cluster slot. */
    private static String namespace(String prefix) {
        return prefix + ":{v" + SCHEMA + "}:";
    }

    byte[] entry(ListKey key, Language language) {
        return entries[key.ordinal()][language.ordinal()];
    }

    /** The keys of the read and put scripts: liveness, the list's generation, its entry in this language. */
    byte[][] list(ListKey key, Language language) {
        return new byte[][] {alive, generations[key.ordinal()], entry(key, language)};
    }

    /** The keys of the eviction script: the lease registry and its origin, then these lists' generations and entries. */
    byte[][] eviction(Set<ListKey> keys) {
        List<byte[]> physical = new ArrayList<>(List.of(leases, leasesSince));
        for (ListKey key : keys) {
            physical.add(generations[key.ordinal()]);
            physical.addAll(Arrays.asList(entries[key.ordinal()]));
        }
        return physical.toArray(new byte[0][]);
    }

    /** Which of these lists' entries the deleted keys were. */
    Map<ListKey, Set<Language>> entriesAmong(List<?> deleted, Set<ListKey> keys) {
        Map<ListKey, Set<Language>> present = new EnumMap<>(ListKey.class);
        for (Object gone : deleted) {
            for (ListKey key : keys) {
                for (Language language : Language.values()) {
                    if (Arrays.equals((byte[]) gone, entry(key, language))) {
                        present.computeIfAbsent(key, k -> EnumSet.noneOf(Language.class)).add(language);
                    }
                }
            }
        }
        return present;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package berlin.projekte.cache.redis;

import berlin.projekte.cache.ListStore;
import berlin.projekte.cache.ListStore.Entry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The value of an entry in Redis: a small binary frame whose head (expiries + ETags) identifies it. */
final class RedisFrame {

    private static final byte MAGIC = 'P';
    /** 2: a chain of links (an entry and the lists prepared after it); version 1 frames are misses. */
    private static final byte FRAME_VERSION = 2;

    private RedisFrame() {
    }

    /**
     * The stored value: {@code 'P', version, links (1 byte)}, then per link {@code expiresAt (epoch ms,
     * 8 bytes), etag length (1 byte), etag (ASCII)} — the head, which identifies the frame, so a
     * prepared link added at the same generation changes it — then per link {@code body length (4),
     * body, gzip length (4, -1 for none), gzip}.
     */
    static byte[] encode(Entry entry) {
        byte[] head = head(entry);
        int size = head.length;
        for (Entry link = entry; link != null; link = link.next()) {
            size += 4 + link.body().length + 4 + (link.gzip() == null ? 0 : link.gzip().length);
        }
        ByteBuffer frame = ByteBuffer.allocate(size).put(head);
        for (Entry link = entry; link != null; link = link.next()) {
            frame.putInt(link.body().length).put(link.body());
            frame.putInt(link.gzip() == null ? -1 : link.gzip().length);
            if (link.gzip() != null) {
                frame.put(link.gzip());
            }
        }
        return frame.array();
    }

    /** The frame's entry, or null if it is not a frame of this version. */
    static Entry decode(byte[] bytes) {
        try {
            ByteBuffer frame = ByteBuffer.wrap(bytes);
            if (frame.get() != MAGIC || frame.get() != FRAME_VERSION) {
                return null;
            }
            int links = frame.get();
            if (links < 1 || links > Entry.MAX_LINKS) {
                return null;
            }
            Instant[] expiries = new Instant[links];
            String[] etags = new String[links];
            for (int i = 0; i < links; i++) {
                expiries[i] = Instant.ofEpochMilli(frame.getLong());
                byte[] etag = new byte[frame.get()];
                frame.get(etag);
                etags[i] = new String(etag, StandardCharsets.US_ASCII);
            }
            byte[][] bodies = new byte[links][];
            byte[][] gzips = new byte[links][];
            for (int i = 0; i < links; i++) {
                bodies[i] = new byte[frame.getInt()];
                frame.get(bodies[i]);
                int gzipLength = frame.getInt();
                if (gzipLength >= 0) {
                    gzips[i] = new byte[gzipLength];
                    frame.get(gzips[i]);
                }
            }
            Entry entry = null;
            for (int i = links - 1; i >= 0; i--) {
                entry = new Entry(bodies[i], gzips[i], etags[i], expiries[i], entry);
            }
            return entry;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The head of the frame {@link #encode} makes of this entry. */
    static byte[] head(Entry entry) {
        int links = entry.links();
        if (links > Entry.MAX_LINKS) {
            throw new IllegalArgumentException("a chain of " + links + " links");
        }
        int size = 3;
        for (Entry link = entry; link != null; link = link.next()) {
            size += 8 + 1 + link.etag().length();
        }
        ByteBuffer head = ByteBuffer.allocate(size).put(MAGIC).put(FRAME_VERSION).put((byte) links);
        for (Entry link = entry; link != null; link = link.next()) {
            byte[] etag = link.etag().getBytes(StandardCharsets.US_ASCII);
            head.putLong(link.expiresAt().toEpochMilli()).put((byte) etag.length).put(etag);
        }
        return head.array();
    }

    static int headLength(byte[] frame) {
        int length = 3;
        for (int i = 0; i < frame[2]; i++) {
            length += 8 + 1 + frame[length + 8];
        }
        return length;
    }
}

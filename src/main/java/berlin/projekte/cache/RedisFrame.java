package berlin.projekte.cache;

import berlin.projekte.cache.ListStore.Entry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The value of an entry in Redis: a small binary frame whose head (expiry + ETag) identifies it. */
final class RedisFrame {

    private static final byte MAGIC = 'P';
    private static final byte FRAME_VERSION = 1;

    private RedisFrame() {
    }

    /**
     * The stored value: {@code 'P', version, expiresAt (epoch ms, 8 bytes), etag length (1 byte),
     * etag (ASCII)} — the head, which identifies the frame — then {@code body length (4), body,
     * gzip length (4, -1 for none), gzip}.
     */
    static byte[] encode(Entry entry) {
        byte[] etag = entry.etag().getBytes(StandardCharsets.US_ASCII);
        int gzipLength = entry.gzip() == null ? 0 : entry.gzip().length;
        ByteBuffer frame = ByteBuffer.allocate(2 + 8 + 1 + etag.length + 4 + entry.body().length + 4 + gzipLength);
        frame.put(MAGIC).put(FRAME_VERSION).putLong(entry.expiresAt().toEpochMilli()).put((byte) etag.length).put(etag);
        frame.putInt(entry.body().length).put(entry.body());
        frame.putInt(entry.gzip() == null ? -1 : gzipLength);
        if (entry.gzip() != null) {
            frame.put(entry.gzip());
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
            Instant expiresAt = Instant.ofEpochMilli(frame.getLong());
            byte[] etag = new byte[frame.get()];
            frame.get(etag);
            byte[] body = new byte[frame.getInt()];
            frame.get(body);
            int gzipLength = frame.getInt();
            byte[] gzip = null;
            if (gzipLength >= 0) {
                gzip = new byte[gzipLength];
                frame.get(gzip);
            }
            return new Entry(body, gzip, new String(etag, StandardCharsets.US_ASCII), expiresAt);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The head of the frame {@link #encode} makes of this entry. */
    static byte[] head(Entry entry) {
        byte[] etag = entry.etag().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(2 + 8 + 1 + etag.length)
                .put(MAGIC).put(FRAME_VERSION).putLong(entry.expiresAt().toEpochMilli()).put((byte) etag.length).put(etag)
                .array();
    }

    static int headLength(byte[] frame) {
        return 2 + 8 + 1 + frame[10];
    }
}

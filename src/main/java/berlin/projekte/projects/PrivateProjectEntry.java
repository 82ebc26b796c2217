package berlin.projekte.projects;

import berlin.projekte.accounts.ProjectViewers;
import berlin.projekte.accounts.Viewer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * The shared entry of {@code privateprojects}: every private project's rendered item with the
 * users who may view it. It is never sent as it is: {@link #filter} builds each user's response.
 * Binary layout: count, then per item: viewer count, viewer ids, item length, item bytes.
 */
public final class PrivateProjectEntry {

    private static final byte[] EMPTY_LIST = {'[', ']'};

    private PrivateProjectEntry() {
    }

    public record Item(byte[] json, Set<Long> viewerIds) {
    }

    public static byte[] encode(List<Item> items) {
        int size = 4;
        for (Item item : items) {
            size += 4 + 8 * item.viewerIds().size() + 4 + item.json().length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(items.size());
        for (Item item : items) {
            buffer.putInt(item.viewerIds().size());
            item.viewerIds().forEach(buffer::putLong);
            buffer.putInt(item.json().length);
            buffer.put(item.json());
        }
        return buffer.array();
    }

    /**
     * The JSON array of the items this viewer may see; {@code []} for anonymous. Reads the entry in
     * place (no decoding into items or sets): per item, the viewer ids are scanned for the user's.
     */
    public static byte[] filter(byte[] entry, Viewer viewer) {
        if (viewer.isAnonymous()) {
            return EMPTY_LIST;
        }
        long userId = viewer.userId();
        ByteBuffer buffer = ByteBuffer.wrap(entry);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(entry.length, 64 * 1024));
        out.write('[');
        boolean first = true;
        for (int i = buffer.getInt(); i > 0; i--) {
            boolean amongViewers = false;
            for (int v = buffer.getInt(); v > 0; v--) {
                amongViewers |= buffer.getLong() == userId;
            }
            int length = buffer.getInt();
            if (ProjectViewers.mayView(viewer, amongViewers)) {
                if (!first) {
                    out.write(',');
                }
                out.write(entry, buffer.position(), length);
                first = false;
            }
            buffer.position(buffer.position() + length);
        }
        out.write(']');
        return out.toByteArray();
    }
}

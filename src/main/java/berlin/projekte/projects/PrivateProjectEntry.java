package berlin.projekte.projects;

import berlin.projekte.accounts.ProjectViewers;
import berlin.projekte.accounts.Viewer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
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

    static List<Item> decode(byte[] entry) {
        ByteBuffer buffer = ByteBuffer.wrap(entry);
        int count = buffer.getInt();
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int viewerCount = buffer.getInt();
            Set<Long> viewers = new HashSet<>(viewerCount * 2);
            for (int v = 0; v < viewerCount; v++) {
                viewers.add(buffer.getLong());
            }
            byte[] json = new byte[buffer.getInt()];
            buffer.get(json);
            items.add(new Item(json, viewers));
        }
        return items;
    }

    /** The JSON array of the items this viewer may see; {@code []} for anonymous. */
    public static byte[] filter(byte[] entry, Viewer viewer) {
        if (viewer.isAnonymous()) {
            return EMPTY_LIST;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(entry.length);
        out.write('[');
        boolean first = true;
        for (Item item : decode(entry)) {
            if (ProjectViewers.mayView(viewer, item.viewerIds())) {
                if (!first) {
                    out.write(',');
                }
                out.writeBytes(item.json());
                first = false;
            }
        }
        out.write(']');
        return out.toByteArray();
    }
}

package berlin.projekte.testsupport;

import berlin.projekte.changes.Change;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Records the change events that reached listeners after commit, as the cache sees them. */
public class RecordedEvents {

    private final List<Change> events = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(Change change) {
        events.add(change);
    }

    public List<Change> all() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }
}

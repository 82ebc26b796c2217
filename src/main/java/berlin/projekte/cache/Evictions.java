package berlin.projekte.cache;

import static berlin.projekte.cache.ListKey.EXT_PROJECTS;
import static berlin.projekte.cache.ListKey.PLANS;
import static berlin.projekte.cache.ListKey.PRIVATE_PROJECTS;

import berlin.projekte.changes.Change;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.changes.SharedDataChanged;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * THE eviction table: which lists a committed change evicts ({@link #keysFor}; a plan change: every
 * list), and which a phase start or end evicts ({@link #atPhaseBoundary}). Runs after the transaction
 * commits (or at once when a change is published outside one), on the instance that made the change;
 * the store is shared, so every instance misses afterwards. The table row by row, and why: docs/cache.md, "Evictions".
 */
@Component
public class Evictions {

    private final ListCache cache;

    public Evictions(ListCache cache) {
        this.cache = cache;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void on(Change change) {
        cache.evict(keysFor(change), EvictionReason.CHANGE);
    }

    /** The table. */
    public static Set<ListKey> keysFor(Change change) {
        if (change instanceof ProjectChanged project) {
            return project.external() ? keys(EXT_PROJECTS, PLANS) : projectsPrivateAndPlans();
        }
        if (change instanceof PlanChanged || change instanceof SharedDataChanged) {
            return EnumSet.allOf(ListKey.class);
        }
        if (change instanceof MembershipChanged) {
            return keys(PRIVATE_PROJECTS);
        }
        throw new IllegalArgumentException("no eviction rule for " + change);
    }

    /**
     * A phase starts or ends: a project moves between the status lists, and its fields in every list
     * that shows it change. Every status list: after an end another phase may still be to come
     * (active to future), and a start without an end may move a project from future to past.
     */
    public static Set<ListKey> atPhaseBoundary() {
        EnumSet<ListKey> keys = EnumSet.copyOf(ListKey.ALL_PROJECTS);
        keys.add(PRIVATE_PROJECTS);
        keys.add(EXT_PROJECTS);
        return keys;
    }

    private static Set<ListKey> projectsPrivateAndPlans() {
        EnumSet<ListKey> keys = EnumSet.copyOf(ListKey.ALL_PROJECTS);
        keys.add(PRIVATE_PROJECTS);
        keys.add(PLANS);
        return keys;
    }

    private static Set<ListKey> keys(ListKey first, ListKey... rest) {
        return EnumSet.of(first, rest);
    }
}

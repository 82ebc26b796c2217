package berlin.projekte.referencedata;

import berlin.projekte.changes.SharedDataChanged;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Districts and topics are reference data: they change by a migration shipped with a deploy, never
 * through the API. Every list shows district names, so a start that applied a migration raises
 * {@link SharedDataChanged} once it is ready (the eviction table's "district or topic changed"
 * row), which evicts every list on every instance sharing the cache. A start that applied nothing
 * raises nothing (the start itself invalidates the shared cache: docs/cache-coherence.md, "Lost evictions").
 */
@Component
class ReferenceDataMigrations implements Callback {

    private final AtomicBoolean applied = new AtomicBoolean();
    private final ApplicationEventPublisher events;

    ReferenceDataMigrations(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE_APPLIED;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        applied.set(true);
    }

    @Override
    public String getCallbackName() {
        return "reference data migrated";
    }

    /** After start, not in the callback: the cache is not wired while Flyway runs. */
    @EventListener(ApplicationReadyEvent.class)
    void evictListsAfterMigration() {
        if (applied.getAndSet(false)) {
            events.publishEvent(new SharedDataChanged("migration"));
        }
    }
}

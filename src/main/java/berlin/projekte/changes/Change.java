package berlin.projekte.changes;

/**
 * A committed change to data that some list shows. The write API raises these inside its
 * transaction; listeners act on them after commit ({@code @TransactionalEventListener}). The
 * cache's eviction table maps each type to the keys it evicts.
 */
public sealed interface Change permits ProjectChanged, PlanChanged, SharedDataChanged, MembershipChanged {
}

package berlin.projekte.accounts;

import berlin.projekte.admin.AdminResource;
import berlin.projekte.changes.Change;
import berlin.projekte.referencedata.ReferenceData;
import berlin.projekte.web.ApiException;
import berlin.projekte.web.FieldErrors;
import berlin.projekte.web.RequestBinding;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write service of organisations and groups, for superusers only: a name and its members (an
 * organisation's initiators, a group's members), who may change and view private projects. One
 * transaction per public method; the row is locked for a change; the member links are rewritten
 * and {@link #usersChanged} raised only when the members changed.
 */
public abstract class MembershipService<I extends MembershipService.UserSet, S extends MembershipService.Stored<I>>
        implements AdminResource.Operations<I, S> {

    /** What the write API takes: a name and the users' ids. */
    public interface UserSet {
        String name();

        List<Long> users();
    }

    /**
     * A stored row: its id and its fields, answered as one object. A record per feature with
     * {@code @JsonUnwrapped} fields (not one generic record: the API docs could not name its fields).
     */
    public interface Stored<I> {
        long id();

        I fields();
    }

    /**
     * The table of the rows, the table linking them to users ({@code owner}, {@code user_id}), the
     * users' JSON field, the record of a row's fields, the record of a stored row, and the event of
     * a changed user set (who may view private projects).
     */
    record Tables<I, S>(String rows, String links, String owner, String usersField, BiFunction<String, List<Long>, I> fields,
                        BiFunction<Long, I, S> stored, Change usersChanged) {
    }

    final JdbcClient jdbc;
    final ApplicationEventPublisher events;
    private final Tables<I, S> tables;
    private final AccountRows rows;
    private final ReferenceData references;
    private final WriteAccess access;
    private final RequestBinding binding;

    MembershipService(Tables<I, S> tables, JdbcClient jdbc, AccountRows rows, ReferenceData references, WriteAccess access, RequestBinding binding,
                   ApplicationEventPublisher events) {
        this.tables = tables;
        this.jdbc = jdbc;
        this.rows = rows;
        this.references = references;
        this.access = access;
        this.binding = binding;
        this.events = events;
    }

    /** Called inside the transaction after a rename. */
    void renamed() {
    }

    /** Further checks of valid fields ({@code except}: the row being changed, or null). */
    void checkFree(I input, Long except) {
    }

    @Transactional(readOnly = true)
    @Override
    public List<S> list(Actor actor) {
        access.requireSuperuser(actor);
        return load(null);
    }

    @Transactional(readOnly = true)
    @Override
    public S get(long id, Actor actor) {
        access.requireSuperuser(actor);
        return find(id);
    }

    @Transactional
    @Override
    public S create(I input, Actor actor) {
        access.requireSuperuser(actor);
        validate(input, null);
        long id = rows.insertNamed(tables.rows(), input.name());
        rows.replaceMembers(tables.links(), tables.owner(), id, input.users());
        if (!input.users().isEmpty()) {
            events.publishEvent(tables.usersChanged());
        }
        return find(id);
    }

    /** Changes a row: {@code change} turns its stored fields into the new ones. */
    @Transactional
    @Override
    public S update(long id, UnaryOperator<I> change, Actor actor) {
        access.requireSuperuser(actor);
        I current = find(rows.lock(tables.rows(), id)).fields();
        I input = change.apply(current);
        validate(input, id);
        if (!current.name().equals(input.name())) {
            rows.rename(tables.rows(), id, input.name());
            renamed();
        }
        if (!new HashSet<>(current.users()).equals(new HashSet<>(input.users()))) {
            rows.replaceMembers(tables.links(), tables.owner(), id, input.users());
            events.publishEvent(tables.usersChanged());
        }
        return find(id);
    }

    /** Deletes a row (one transaction). */
    @Override
    public abstract void delete(long id, Actor actor);

    /** Locks the row (404 when unknown) and deletes it with its user links; whether it had users. */
    boolean deleteRow(long id) {
        rows.lock(tables.rows(), id);
        boolean hadUsers = !rows.members(tables.links(), tables.owner(), id).isEmpty();
        jdbc.sql("delete from " + tables.rows() + " where id = :id").param("id", id).update();
        return hadUsers;
    }

    void requireSuperuser(Actor actor) {
        access.requireSuperuser(actor);
    }

    private void validate(I input, Long except) {
        FieldErrors errors = new FieldErrors(binding.violations(input));
        references.checkIds("app_user", tables.usersField(), input.users(), errors, "user");
        errors.throwIfAny();
        checkFree(input, except);
    }

    private S find(long id) {
        return load(id).stream().findFirst().orElseThrow(ApiException::notFound);
    }

    private List<S> load(Long id) {
        Map<Long, List<Long>> users = rows.members(tables.links(), tables.owner(), id);
        return rows.named(tables.rows(), id,
                (rowId, name) -> tables.stored().apply(rowId, tables.fields().apply(name, users.getOrDefault(rowId, List.of()))));
    }
}

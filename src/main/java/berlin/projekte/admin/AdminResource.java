package berlin.projekte.admin;

import berlin.projekte.accounts.Actor;
import berlin.projekte.accounts.WriteAccess;
import berlin.projekte.web.MergePatch;
import berlin.projekte.web.RequestBinding;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.databind.JsonNode;

/**
 * The six operations of a write API resource below the subclass's path, for the {@link Actor} who
 * asks: list, create (201), read, PUT, PATCH and delete (204). A PATCH is an RFC 7396 JSON Merge
 * Patch of the stored representation, applied inside the writing transaction and then checked like
 * a PUT. {@code B} is the request record, {@code V} the answer; the subclass maps the path and
 * names the {@link Operations}.
 */
public abstract class AdminResource<B, V> {

    /** What each operation does, in a service's terms ({@code update}: in one transaction, {@code change} maps the stored representation to the new one). */
    public interface Operations<B, V> {
        List<V> list(Actor actor);

        V get(long id, Actor actor);

        V create(B body, Actor actor);

        V update(long id, UnaryOperator<B> change, Actor actor);

        void delete(long id, Actor actor);
    }

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

    private final Class<B> type;
    private final Operations<B, V> operations;
    private final WriteAccess access;
    private final RequestBinding binding;

    protected AdminResource(Class<B> type, Operations<B, V> operations, WriteAccess access, RequestBinding binding) {
        this.type = type;
        this.operations = operations;
        this.access = access;
        this.binding = binding;
    }

    @GetMapping({"", "/"})
    public List<V> list(Authentication auth) {
        return operations.list(access.actor(auth));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(value = {"", "/"}, consumes = JSON)
    public V create(@RequestBody B body, Authentication auth) {
        return operations.create(body, access.actor(auth));
    }

    @GetMapping("/{id}")
    public V get(@PathVariable long id, Authentication auth) {
        return operations.get(id, access.actor(auth));
    }

    /** A full replacement: the stored fields do not count. */
    @PutMapping(value = "/{id}", consumes = JSON)
    public V put(@PathVariable long id, @RequestBody B body, Authentication auth) {
        return operations.update(id, stored -> body, access.actor(auth));
    }

    @PatchMapping(value = "/{id}", consumes = {JSON, MergePatch.MEDIA_TYPE})
    public V patch(@PathVariable long id, @RequestBody @MergePatch JsonNode patch, Authentication auth) {
        return operations.update(id, stored -> binding.patch(stored, patch, type), access.actor(auth));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable long id, Authentication auth) {
        operations.delete(id, access.actor(auth));
        return ResponseEntity.noContent().build();
    }
}

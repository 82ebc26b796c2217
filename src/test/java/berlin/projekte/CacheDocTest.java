package berlin.projekte;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.CacheProperties;
import berlin.projekte.cache.Evictions;
import berlin.projekte.cache.ListKey;
import berlin.projekte.changes.Change;
import berlin.projekte.changes.MembershipChanged;
import berlin.projekte.changes.PlanChanged;
import berlin.projekte.changes.ProjectChanged;
import berlin.projekte.changes.SharedDataChanged;
import berlin.projekte.projects.Kind;
import berlin.projekte.projects.TransitionProperties;
import berlin.projekte.testsupport.MarkdownTables;
import berlin.projekte.testsupport.MarkdownTables.Table;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * docs/cache.md stays true: its keys are {@link ListKey}'s, its eviction table is
 * {@link Evictions#keysFor}, row by row, and its configuration defaults are those of
 * {@link CacheProperties} and {@link TransitionProperties}. (Its transition table:
 * {@code projects.TransitionDocTest}.)
 */
class CacheDocTest {

    static final String DOC = "docs/cache.md";

    @Test
    void theKeysAreTheListKeys() {
        Table keys = table("key", "list");
        assertThat(new TreeSet<>(keys.firstCode(0))).isEqualTo(new TreeSet<>(logicalNames(EnumSet.allOf(ListKey.class))));
    }

    @Test
    void theEvictionTableIsTheOneInEvictions() {
        Table table = table("change", "event", "lists evicted");
        Set<Class<?>> events = new HashSet<>();
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (List<String> row : table.rows()) {
            Change change = change(MarkdownTables.code(row.get(1)).get(0));
            events.add(change.getClass());
            if (change instanceof ProjectChanged project) {
                kinds.add(project.kind());
            }
            assertThat(lists(row.get(2))).as(DOC + ": " + row.get(0)).isEqualTo(logicalNames(Evictions.keysFor(change)));
        }
        assertThat(events).as("a row for every kind of change").containsExactlyInAnyOrder(Change.class.getPermittedSubclasses());
        assertThat(kinds).as("a row for every kind of project").isEqualTo(EnumSet.allOf(Kind.class));
    }

    @Test
    void theConfigurationDefaultsAreTheCodes() {
        Map<String, String> defaults = new HashMap<>();
        defaults.putAll(defaults("projekte.cache.", CacheProperties.class));
        defaults.putAll(defaults("projekte.transitions.", TransitionProperties.class));
        Map<String, String> documented = new HashMap<>();
        for (List<String> row : table("property", "default", "meaning").rows()) {
            String property = MarkdownTables.code(row.get(0)).get(0);
            if (defaults.containsKey(property)) {
                documented.put(property, MarkdownTables.code(row.get(1)).get(0).toLowerCase(Locale.ROOT));
            }
        }
        assertThat(documented).isEqualTo(defaults);
    }

    /** The {@code @DefaultValue} of each component of a properties record, by property name. */
    private static Map<String, String> defaults(String prefix, Class<? extends Record> properties) {
        RecordComponent[] components = properties.getRecordComponents();
        Parameter[] parameters;
        try {
            parameters = properties.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new))
                    .getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> defaults = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            DefaultValue value = parameters[i].getAnnotation(DefaultValue.class);
            assertThat(value).as(properties.getSimpleName() + "." + components[i].getName() + " has a default").isNotNull();
            String name = components[i].getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            defaults.put(prefix + name, String.join(",", value.value()).toLowerCase(Locale.ROOT));
        }
        return defaults;
    }

    static Table table(String... header) {
        return MarkdownTables.tables(DOC).stream().filter(t -> t.startsWith(header)).findFirst()
                .orElseThrow(() -> new AssertionError(DOC + " has no table " + List.of(header)));
    }

    /** The lists a cell names: its code spans, or every list. */
    static Set<String> lists(String cell) {
        return cell.contains("every list") ? logicalNames(EnumSet.allOf(ListKey.class)) : new TreeSet<>(MarkdownTables.code(cell));
    }

    static Set<String> logicalNames(Set<ListKey> keys) {
        return keys.stream().map(ListKey::logicalName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Change change(String event) {
        if (event.startsWith("ProjectChanged(")) {
            return new ProjectChanged(Kind.valueOf(event.substring("ProjectChanged(".length(), event.length() - 1)));
        }
        return switch (event) {
            case "PlanChanged" -> new PlanChanged();
            case "SharedDataChanged" -> new SharedDataChanged(DOC);
            case "MembershipChanged" -> new MembershipChanged(DOC);
            default -> throw new AssertionError(DOC + ": unknown event " + event);
        };
    }
}

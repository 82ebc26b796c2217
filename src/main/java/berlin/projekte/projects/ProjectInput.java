package berlin.projekte.projects;

import berlin.projekte.Rows;
import berlin.projekte.places.Address;
import berlin.projekte.places.Coordinates;
import berlin.projekte.places.Images;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a project is made of, as the write API takes it (JSON names in brackets). Null texts,
 * lists, address and images mean empty. {@code slug} null means "generate from the name" on
 * create and "keep" on update; {@code modules} null means "none" on create and "keep" on update.
 *
 * @param organisation id of the organisation ({@code organisation}), required
 * @param district     district short code ({@code district}), or null for city-wide
 * @param topics       topic codes ({@code topics})
 * @param point        {@code point}, or null
 * @param group        id of the group ({@code group}), or null
 * @param moderators   user ids ({@code moderators})
 * @param participants user ids ({@code participants})
 * @param plans        ids of linked plans ({@code plans})
 */
public record ProjectInput(String name, String slug, String description, String information, Access access, Kind kind,
                           String externalUrl, boolean draft, boolean archived, Long organisation, String district,
                           List<String> topics, Coordinates point, Address address, Images images, Long group,
                           List<Long> moderators, List<Long> participants, List<Long> plans, List<ModuleInput> modules) {

    public ProjectInput {
        description = Objects.requireNonNullElse(description, "");
        information = Objects.requireNonNullElse(information, "");
        externalUrl = Objects.requireNonNullElse(externalUrl, "");
        topics = Rows.sortedSet(topics);
        address = Objects.requireNonNullElse(address, Address.NONE);
        images = Images.orEmpty(images);
        moderators = Rows.sortedSet(moderators);
        participants = Rows.sortedSet(participants);
        plans = Rows.sortedSet(plans);
        modules = modules == null ? null : List.copyOf(modules);
    }

    /** A public, published participation project with nothing else set. */
    public static ProjectInput of(String name, long organisation) {
        return new ProjectInput(name, null, "", "", Access.PUBLIC, Kind.PROJECT, "", false, false, organisation, null,
                List.of(), null, Address.NONE, Images.NONE, null, List.of(), List.of(), List.of(), List.of());
    }

    public ProjectInput withSlug(String slug) {
        return new ProjectInput(name, slug, description, information, access, kind, externalUrl, draft, archived, organisation,
                district, topics, point, address, images, group, moderators, participants, plans, modules);
    }

    public ProjectInput withKind(Kind kind) {
        return new ProjectInput(name, slug, description, information, access, kind, externalUrl, draft, archived, organisation,
                district, topics, point, address, images, group, moderators, participants, plans, modules);
    }

    public ProjectInput withModules(List<ModuleInput> modules) {
        return new ProjectInput(name, slug, description, information, access, kind, externalUrl, draft, archived, organisation,
                district, topics, point, address, images, group, moderators, participants, plans, modules);
    }

    public ProjectInput withMembers(Long group, List<Long> moderators, List<Long> participants) {
        return new ProjectInput(name, slug, description, information, access, kind, externalUrl, draft, archived, organisation,
                district, topics, point, address, images, group, moderators, participants, plans, modules);
    }

    /** A module with its phases ({@code modules[]}): {@code name}, {@code weight}, {@code is_draft}, {@code phases}. */
    public record ModuleInput(String name, int weight, boolean draft, List<PhaseInput> phases) {
        public ModuleInput {
            phases = phases == null ? List.of() : List.copyOf(phases);
        }
    }

    /** A phase ({@code phases[]}): {@code name}, {@code type}, {@code weight}, {@code start_date}, {@code end_date} (either may be null). */
    public record PhaseInput(String name, String type, int weight, Instant start, Instant end) {
        public PhaseInput {
            type = Objects.requireNonNullElse(type, "");
        }
    }
}

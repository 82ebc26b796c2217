package berlin.projekte.places;

import java.util.Objects;

/** The address of a point: {@code street}, {@code house_number}, {@code zip_code}; empty strings when absent. */
public record Address(String street, String houseNumber, String zipCode) {

    public static final Address NONE = new Address("", "", "");

    public Address {
        street = Objects.requireNonNullElse(street, "");
        houseNumber = Objects.requireNonNullElse(houseNumber, "");
        zipCode = Objects.requireNonNullElse(zipCode, "");
    }
}

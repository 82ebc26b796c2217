package berlin.projekte.places;

import berlin.projekte.web.FieldErrors;
import java.util.Objects;

/** The address of a point: {@code street}, {@code house_number}, {@code zip_code}; empty strings when absent. */
public record Address(String street, String houseNumber, String zipCode) {

    public static final Address NONE = new Address("", "", "");

    public Address {
        street = Objects.requireNonNullElse(street, "");
        houseNumber = Objects.requireNonNullElse(houseNumber, "");
        zipCode = Objects.requireNonNullElse(zipCode, "");
    }

    public void validate(FieldErrors errors) {
        errors.text("street", street, false, 255);
        errors.text("house_number", houseNumber, false, 20);
        errors.text("zip_code", zipCode, false, 10);
    }
}

package berlin.projekte.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aPasswordIsOneToSeventyTwoUtf8Bytes() {
        assertThat(Passwords.acceptable("a".repeat(72))).isTrue();
        assertThat(Passwords.acceptable("a".repeat(73))).isFalse();
        assertThat(Passwords.acceptable("\u00e9".repeat(36))).as("2 bytes each").isTrue();
        assertThat(Passwords.acceptable("\u00e9".repeat(37))).isFalse();
        assertThat(Passwords.acceptable("\uD83D\uDE00".repeat(18))).as("4 bytes each").isTrue();
        assertThat(Passwords.acceptable("\uD83D\uDE00".repeat(19))).isFalse();
        assertThat(Passwords.acceptable("")).isFalse();
        assertThat(Passwords.acceptable(null)).isFalse();
    }
}

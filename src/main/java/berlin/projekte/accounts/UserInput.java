package berlin.projekte.accounts;

/** A user: {@code username}, {@code password} (write-only; null on update keeps it), {@code is_superuser}. */
public record UserInput(String username, String password, boolean superuser) {

    @Override
    public String toString() {
        return "UserInput[" + username + (superuser ? ", superuser" : "") + "]";
    }
}

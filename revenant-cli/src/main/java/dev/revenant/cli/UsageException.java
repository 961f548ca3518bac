package dev.revenant.cli;

/** A command line or configuration file the user must correct; its message says what to change. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}

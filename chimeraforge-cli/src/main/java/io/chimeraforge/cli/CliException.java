package io.chimeraforge.cli;

/** A user-facing command failure: printed as one line, exit code 1. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message, null, false, false);
    }
}

package io.chimeraforge.core;

/**
 * Root of the unchecked exceptions thrown by chimeraforge-core. Messages are written for the
 * person running the tool: they say what was wrong and, where it helps, what to do instead.
 */
public class CoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoreException(String message) {
        super(message);
    }

    public CoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

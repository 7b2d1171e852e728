package io.chimeraforge.core.corpus;

import io.chimeraforge.core.CoreException;

/** A coefficient file that is missing, unreadable, not JSON, or not shaped like a corpus. */
public final class CorpusFileException extends CoreException {
    private static final long serialVersionUID = 1L;

    public CorpusFileException(String message) {
        super(message);
    }

    public CorpusFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

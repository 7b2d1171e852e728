package io.chimeraforge.core.hardware;

import io.chimeraforge.core.CoreException;

/** A GPU name that matches nothing in the catalog. */
public final class UnknownGpuException extends CoreException {
    private static final long serialVersionUID = 1L;

    private final String query;

    public UnknownGpuException(String query, String knownNames) {
        super("'" + query + "' is not in the hardware DB, so there is nothing to plan against. Known GPUs: "
                + knownNames + ".");
        this.query = query;
    }

    /** The name that matched nothing. */
    public String query() {
        return query;
    }
}

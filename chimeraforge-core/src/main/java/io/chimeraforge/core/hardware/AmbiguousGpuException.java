package io.chimeraforge.core.hardware;

import io.chimeraforge.core.CoreException;
import java.util.List;

/** A partial GPU name that matches several different GPU models; the caller must name one. */
public final class AmbiguousGpuException extends CoreException {
    private static final long serialVersionUID = 1L;

    private final String query;
    private final List<String> candidates;

    /** The query and the names it matched, in catalog order. */
    public AmbiguousGpuException(String query, List<String> candidates) {
        super("'" + query + "' matches several GPUs: " + String.join(", ", candidates) + ". Name one of them.");
        this.query = query;
        this.candidates = List.copyOf(candidates);
    }

    /** The partial name as given. */
    public String query() {
        return query;
    }

    /** The GPU names it matched, in catalog order. */
    public List<String> candidates() {
        return candidates;
    }
}

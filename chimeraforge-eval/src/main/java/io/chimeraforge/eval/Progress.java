package io.chimeraforge.eval;

/**
 * Receives how far a long scoring run has got, so a front end can show it (the library itself
 * never prints). Called on the scoring thread after each batch; keep it cheap.
 */
@FunctionalInterface
public interface Progress {

    /** Ignores every update. */
    Progress NONE = (done, total) -> { };

    /**
     * @param done  pairs scored so far
     * @param total pairs to score in all
     */
    void update(long done, long total);
}

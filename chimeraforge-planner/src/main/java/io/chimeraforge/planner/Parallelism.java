package io.chimeraforge.planner;

/**
 * A tensor- or pipeline-parallel degree: a fixed number of GPUs per replica, or {@link #AUTO}
 * (the smallest of 1, 2, 4, 8 whose per-GPU share fits in VRAM).
 *
 * @param auto   whether the planner chooses the degree
 * @param degree the fixed degree (>= 1); 0 when {@code auto}
 */
public record Parallelism(boolean auto, int degree) {

    /** Let the planner choose the smallest degree that fits. */
    public static final Parallelism AUTO = new Parallelism(true, 0);
    /** No parallelism: one GPU per replica. */
    public static final Parallelism NONE = new Parallelism(false, 1);

    public Parallelism {
        if (auto && degree != 0) {
            throw new IllegalArgumentException("an automatic degree takes no fixed value, got " + degree);
        }
        if (!auto && degree < 1) {
            throw new IllegalArgumentException("degree must be >= 1, got " + degree);
        }
    }

    /** A fixed degree, >= 1. */
    public static Parallelism of(int degree) {
        return degree == 1 ? NONE : new Parallelism(false, degree);
    }

    /** Whether this splits a replica over more than one GPU (or may). */
    public boolean engaged() {
        return auto || degree > 1;
    }

    @Override
    public String toString() {
        return auto ? "auto" : Integer.toString(degree);
    }
}

package io.chimeraforge.core;

/**
 * Which behaviour a computation reproduces where the reference tool and its later fixes differ.
 *
 * <p>The reference is chimeraforge v0.30.0. Upstream later fixed several of its defects (the
 * "corrected" tree); those fixes are the default here. {@link #REFERENCE} reproduces v0.30.0
 * exactly, so files and figures can be compared with that release. Behaviour whose v0.30.0 form
 * crashes or corrupts machine-readable output keeps the corrected form in both modes.
 */
public enum Compat {
    /** Upstream's corrected behaviour: the default. */
    CORRECTED,
    /** chimeraforge v0.30.0 exactly, including the defects upstream has since fixed. */
    REFERENCE;

    /** The default, {@link #CORRECTED}. */
    public static Compat defaults() {
        return CORRECTED;
    }
}

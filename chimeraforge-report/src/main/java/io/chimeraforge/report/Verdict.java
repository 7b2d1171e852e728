package io.chimeraforge.report;

/** What a {@link Comparison} concludes about one metric of one configuration. */
public enum Verdict {
    /** Better beyond the noise band (and, with per-request data, the interval excludes 0). */
    IMPROVED,
    /** Worse beyond the noise band (and, with per-request data, the interval excludes 0). */
    REGRESSED,
    /** Within the noise band, or the interval includes 0. */
    UNCHANGED,
    /** Not measured on at least one side (a TTFT of −1). */
    NOT_MEASURED
}

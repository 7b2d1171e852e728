package io.chimeraforge.report.audit;

import java.util.Locale;

/** The provenance classes an audit scores separately, in report order (the out-of-sample class leads). */
public enum ProvenanceClass {
    /** First-principles, extrapolated or unknown throughput: the out-of-sample path. */
    ROOFLINE_ESTIMATE,
    /** Tensor or pipeline parallel deployments. */
    PARALLEL_ESTIMATE,
    /** The throughput was looked up in the measured corpus (in-sample). */
    MEASURED_LOOKUP,
    /** The prediction failed, so no class applies; never scored. */
    UNKNOWN;

    /** The class the report leads with. */
    public static final ProvenanceClass LEAD = ROOFLINE_ESTIMATE;

    /** The label written to output, e.g. {@code roofline-estimate}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The class of a prediction.
     *
     * @param throughputProvenance the throughput's provenance label ({@code measured}, {@code estimated}, …)
     * @param tensorParallel       tensor-parallel degree
     * @param pipelineParallel     pipeline-parallel degree
     * @return parallel-estimate when either degree exceeds 1, else measured-lookup for a measured
     *         throughput, else roofline-estimate
     */
    public static ProvenanceClass classify(String throughputProvenance, int tensorParallel, int pipelineParallel) {
        if (tensorParallel > 1 || pipelineParallel > 1) {
            return PARALLEL_ESTIMATE;
        }
        return "measured".equals(throughputProvenance) ? MEASURED_LOOKUP : ROOFLINE_ESTIMATE;
    }
}

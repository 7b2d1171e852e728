package io.chimeraforge.planner.workload;

import java.util.Optional;

/**
 * The quantities a workload profile can hold, in the order the profile file lists them.
 *
 * <p>{@link #REQUEST_RATE}, {@link #PROMPT_TOKENS}, {@link #OUTPUT_TOKENS}, {@link #WORKLOAD_CV2} and
 * {@link #PREFIX_CACHE_HIT_RATE} feed a plan; the others are informational.
 */
public enum ProfileKey {
    /** Requests per second over the log's window. */
    REQUEST_RATE("request_rate"),
    /** Mean prompt length in tokens. */
    PROMPT_TOKENS("prompt_tokens"),
    /** Mean output (decode) length in tokens. */
    OUTPUT_TOKENS("output_tokens"),
    /** Squared coefficient of variation of service demand, the variance term of the queueing tail. */
    WORKLOAD_CV2("workload_cv2"),
    /** Squared coefficient of variation of inter-arrival gaps: reported, never planned with. */
    ARRIVAL_CV2("arrival_cv2"),
    /** Fraction of prompt tokens served from the prefix cache. */
    PREFIX_CACHE_HIT_RATE("prefix_cache_hit_rate"),
    /** Requests running when the metrics were scraped. */
    PEAK_CONCURRENCY("peak_concurrency"),
    /** Requests waiting when the metrics were scraped. */
    QUEUE_DEPTH("queue_depth");

    private final String id;

    ProfileKey(String id) {
        this.id = id;
    }

    /** The key's name in profile files, e.g. {@code request_rate}. */
    public String id() {
        return id;
    }

    /** The key named {@code id} in profile files, if there is one. */
    public static Optional<ProfileKey> fromId(String id) {
        for (ProfileKey k : values()) {
            if (k.id.equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

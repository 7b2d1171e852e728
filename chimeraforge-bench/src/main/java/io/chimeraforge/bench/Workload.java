package io.chimeraforge.bench;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How load is offered. The first three are the reference's profiles (with its defaults);
 * {@link #CONCURRENT} is a sustained closed loop the reference lacks.
 */
public enum Workload {
    /** One request at a time (profile: concurrency 1, 5 requests). */
    SINGLE("single", 1, 5, OptionalDouble.empty()),
    /** Lock-step waves of {@code concurrency} requests (profile: 4, 20). */
    BATCH("batch", 4, 20, OptionalDouble.empty()),
    /** Open loop: arrivals on a seeded schedule, optional in-flight cap (profile: cap 8, 40 requests, 2 req/s). */
    SERVER("server", 8, 40, OptionalDouble.of(2.0)),
    /** Closed loop: {@code concurrency} workers, each sending its next request when the previous ends (default 4). */
    CONCURRENT("concurrent", 4, 20, OptionalDouble.empty());

    private final String id;
    private final int defaultConcurrency;
    private final int profileRequests;
    private final OptionalDouble defaultRate;

    Workload(String id, int defaultConcurrency, int profileRequests, OptionalDouble defaultRate) {
        this.id = id;
        this.defaultConcurrency = defaultConcurrency;
        this.profileRequests = profileRequests;
        this.defaultRate = defaultRate;
    }

    /** The name written in result files. */
    public String id() {
        return id;
    }

    /** The profile's concurrency (server: in-flight cap). */
    public int defaultConcurrency() {
        return defaultConcurrency;
    }

    /** The profile's request count (the reference's CLI overrides it with --runs, default 5). */
    public int profileRequests() {
        return profileRequests;
    }

    /** The profile's arrival rate (server only). */
    public OptionalDouble defaultRate() {
        return defaultRate;
    }

    /**
     * The workload for a name.
     *
     * @throws BenchException {@code Unknown profile: <name>. Available: ['single', 'batch', 'server']}
     */
    public static Workload fromId(String name) {
        for (Workload w : values()) {
            if (w.id.equals(name.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new BenchException(BenchException.Kind.USAGE,
                "Unknown profile: " + name + ". Available: ['single', 'batch', 'server', 'concurrent']");
    }
}

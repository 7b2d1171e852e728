package io.chimeraforge.planner.workload;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Prometheus metric names one serving engine exposes, by the role each plays in a profile.
 *
 * @param engine  the engine's name, e.g. {@code vllm}
 * @param prefix  the prefix every one of its metric names starts with, e.g. {@code vllm:}
 * @param metrics metric name by role; a role the engine has no metric for is absent
 */
public record EngineMetrics(String engine, String prefix, Map<Role, String> metrics) {

    /** What a metric is used for. */
    public enum Role {
        /** Completed requests (a counter; declared by the reference, not read). */
        REQUESTS_TOTAL("requests_total"),
        /** End-to-end request latency (a histogram). */
        E2E_LATENCY("e2e_latency"),
        /** Prompt tokens per request (a histogram). */
        PROMPT_TOKENS("prompt_tokens"),
        /** Generated tokens per request (a histogram). */
        DECODE_TOKENS("decode_tokens"),
        /** Requests running now (a gauge). */
        RUNNING("running"),
        /** Requests waiting now (a gauge). */
        WAITING("waiting"),
        /** Prefix-cache hits (a counter). */
        PREFIX_CACHE_HITS("prefix_cache_hits"),
        /** Prefix-cache queries (a counter). */
        PREFIX_CACHE_QUERIES("prefix_cache_queries"),
        /** Prefix-cache hit rate in percent (a gauge). */
        CACHE_HIT_RATE("cache_hit_rate");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        /** The role's key in the metric-name table. */
        public String id() {
            return id;
        }

        static Optional<Role> fromId(String id) {
            for (Role r : values()) {
                if (r.id.equals(id)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** Checks that every metric name starts with the engine's prefix, and copies the map. */
    public EngineMetrics {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(prefix, "prefix");
        if (engine.isBlank() || prefix.isBlank()) {
            throw new IllegalArgumentException("engine and prefix must not be blank");
        }
        EnumMap<Role, String> copy = new EnumMap<>(Role.class);
        metrics.forEach((role, name) -> {
            if (!name.startsWith(prefix)) {
                throw new IllegalArgumentException("metric " + name + " (" + role.id() + ") of engine " + engine
                        + " does not start with the engine's prefix " + prefix);
            }
            copy.put(role, name);
        });
        metrics = Collections.unmodifiableMap(copy);
    }

    /** The metric playing {@code role}, if the engine has one. */
    public Optional<String> metric(Role role) {
        return Optional.ofNullable(metrics.get(role));
    }
}

package io.chimeraforge.planner.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The table of serving engines whose Prometheus metrics a profile can be derived from, and their
 * metric names. Engines rename metrics between versions; the table is data
 * ({@link #bundled()} ships vLLM's and SGLang's names as the reference reads them) so that a rename
 * is a new table, read with {@link #read(Path)}, rather than new code.
 */
public final class MetricNames {

    private static final String RESOURCE = "engine-metrics.json";

    private final Map<String, EngineMetrics> engines;

    private MetricNames(Map<String, EngineMetrics> engines) {
        this.engines = Map.copyOf(engines);
    }

    /** A table of the given engines. */
    public static MetricNames of(Iterable<EngineMetrics> engines) {
        Map<String, EngineMetrics> map = new TreeMap<>();
        for (EngineMetrics e : engines) {
            if (map.put(e.engine(), e) != null) {
                throw new IllegalArgumentException("engine " + e.engine() + " is listed twice");
            }
        }
        return new MetricNames(map);
    }

    /** vLLM's and SGLang's metric names, as chimeraforge v0.30.0 reads them. */
    public static MetricNames bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final MetricNames INSTANCE = load();

        private static MetricNames load() {
            try (InputStream in = MetricNames.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled resource " + RESOURCE + " is missing from the jar");
                }
                return parse(Json.mapper().readTree(in), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Reads a table in the bundled file's format: an object of engines, each an object with a
     * {@code prefix} and metric names by role ({@code e2e_latency}, {@code prompt_tokens},
     * {@code decode_tokens}, {@code running}, {@code waiting}, {@code prefix_cache_hits},
     * {@code prefix_cache_queries}, {@code cache_hit_rate}, {@code requests_total}); keys starting
     * with {@code _} are comments.
     *
     * @throws WorkloadException when the file cannot be read or is not such a table
     */
    public static MetricNames read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return parse(Json.mapper().readTree(Files.readAllBytes(file)), file.toString());
        } catch (IOException e) {
            throw new WorkloadException("cannot read metric-name table " + file + ": " + e.getMessage(), e);
        }
    }

    private static MetricNames parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new WorkloadException("metric-name table " + source + " is not a JSON object");
        }
        Map<String, EngineMetrics> engines = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> engine = it.next();
            if (engine.getKey().startsWith("_")) {
                continue;
            }
            JsonNode body = engine.getValue();
            if (!body.isObject() || !body.path("prefix").isTextual()) {
                throw new WorkloadException("metric-name table " + source + ": engine " + engine.getKey()
                        + " needs an object with a \"prefix\"");
            }
            Map<EngineMetrics.Role, String> metrics = new EnumMap<>(EngineMetrics.Role.class);
            for (Iterator<Map.Entry<String, JsonNode>> f = body.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = f.next();
                if (entry.getKey().equals("prefix") || entry.getKey().startsWith("_")) {
                    continue;
                }
                EngineMetrics.Role role = EngineMetrics.Role.fromId(entry.getKey()).orElseThrow(() ->
                        new WorkloadException("metric-name table " + source + ": engine " + engine.getKey()
                                + " has an unknown role \"" + entry.getKey() + "\""));
                if (!entry.getValue().isTextual()) {
                    throw new WorkloadException("metric-name table " + source + ": " + engine.getKey() + "."
                            + entry.getKey() + " must be a metric name");
                }
                metrics.put(role, entry.getValue().asText());
            }
            try {
                engines.put(engine.getKey(), new EngineMetrics(engine.getKey(), body.get("prefix").asText(), metrics));
            } catch (IllegalArgumentException e) {
                throw new WorkloadException("metric-name table " + source + ": " + e.getMessage(), e);
            }
        }
        return new MetricNames(engines);
    }

    /** The engine named {@code name}, if the table has it. */
    public Optional<EngineMetrics> engine(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    /** The engines' names, sorted. */
    public java.util.List<String> engineNames() {
        return engines.keySet().stream().sorted().toList();
    }
}

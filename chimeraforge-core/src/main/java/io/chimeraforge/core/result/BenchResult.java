package io.chimeraforge.core.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmarked configuration: an element of a bench result file (a JSON array). Field order
 * is the reference's; {@code extra} holds added snake_case keys written after {@code warnings}.
 * Readers ignore unknown keys, so files stay readable by the Python tool and vice versa.
 *
 * @param model          model name as given
 * @param backend        {@code ollama}, {@code vllm} or {@code tgi}
 * @param quant          quantization label, empty for {@code null}
 * @param workload       {@code single}, {@code batch}, {@code server} (or {@code concurrent}, added)
 * @param runs           attempted (measured) requests
 * @param contextLength  context length (recorded even when not applied)
 * @param individualRuns successful requests, in request order
 * @param aggregate      aggregate statistics
 * @param environment    environment metadata
 * @param timestamp      UTC ISO-8601 time the configuration finished, Python {@code isoformat()} style
 * @param warnings       warnings in the reference's order, then ours
 * @param extra          added top-level keys in write order (e.g. {@value #HARDWARE_KEY})
 */
public record BenchResult(String model, String backend, Optional<String> quant, String workload, int runs,
        int contextLength, List<IndividualRun> individualRuns, Aggregate aggregate, Environment environment,
        String timestamp, List<String> warnings, Map<String, Object> extra) {

    /**
     * The top-level key naming the catalog GPU a result was measured on ({@code bench --hardware},
     * or detected from {@code nvidia-smi}); absent when unknown. Kept in {@link #extra()}, so files
     * without it round-trip unchanged and the reference tool ignores it.
     */
    public static final String HARDWARE_KEY = "hardware";

    /** Validates and copies collections. */
    public BenchResult {
        if (model == null || backend == null || quant == null || workload == null || individualRuns == null
                || aggregate == null || environment == null || timestamp == null || warnings == null || extra == null) {
            throw new IllegalArgumentException("bench result fields must not be null (use Optional / empty collections)");
        }
        if (runs < 0) {
            throw new IllegalArgumentException("runs must be >= 0, got " + runs);
        }
        // A lazily built view (long runs) is already read-only; copying would build every element.
        individualRuns = individualRuns instanceof io.chimeraforge.core.result.ImmutableListView<IndividualRun>
                ? individualRuns : List.copyOf(individualRuns);
        warnings = List.copyOf(warnings);
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * The catalog GPU name this result was measured on (the {@value #HARDWARE_KEY} key), when the
     * run was labelled; empty when the key is absent or not a non-blank string.
     */
    public Optional<String> hardware() {
        return extra.get(HARDWARE_KEY) instanceof String name && !name.isBlank() ? Optional.of(name) : Optional.empty();
    }

    /**
     * This result labelled with a catalog GPU name: {@value #HARDWARE_KEY} set in {@link #extra()}
     * (replacing a previous label in place, else appended after the other added keys).
     */
    public BenchResult withHardware(String gpuName) {
        if (gpuName == null || gpuName.isBlank()) {
            throw new IllegalArgumentException("gpuName must be a non-blank catalog GPU name");
        }
        Map<String, Object> labelled = new LinkedHashMap<>(extra);
        labelled.put(HARDWARE_KEY, gpuName);
        return new BenchResult(model, backend, quant, workload, runs, contextLength, individualRuns, aggregate,
                environment, timestamp, warnings, labelled);
    }
}

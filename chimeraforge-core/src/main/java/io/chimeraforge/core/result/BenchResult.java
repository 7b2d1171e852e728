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
 * @param extra          added top-level keys in write order
 */
public record BenchResult(String model, String backend, Optional<String> quant, String workload, int runs,
        int contextLength, List<IndividualRun> individualRuns, Aggregate aggregate, Environment environment,
        String timestamp, List<String> warnings, Map<String, Object> extra) {

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
     * The catalog GPU the run was measured on (top-level key {@code hardware}, written by
     * {@code bench --hardware}), when the result carries one. Absent from the reference's files.
     */
    public Optional<String> hardware() {
        Object label = extra.get("hardware");
        return label instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }
}

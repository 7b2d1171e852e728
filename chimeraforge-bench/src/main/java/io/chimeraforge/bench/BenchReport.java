package io.chimeraforge.bench;

import io.chimeraforge.core.result.BenchResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run produced.
 *
 * @param configs    per-configuration outcomes, in sweep order
 * @param resultFile the result file written, if an output location was configured and writing succeeded
 * @param requestLog the per-request JSONL written, if requested
 * @param cancelled  whether the run was cancelled (results then hold what finished)
 */
public record BenchReport(List<ConfigResult> configs, Optional<Path> resultFile, Optional<Path> requestLog,
        boolean cancelled) {

    /** Copies the list. */
    public BenchReport {
        configs = List.copyOf(configs);
    }

    /** The result objects, as written to the file. */
    public List<BenchResult> results() {
        return configs.stream().map(ConfigResult::result).toList();
    }

    /** The request counts summed over every configuration. */
    public RequestCounts counts() {
        RequestCounts sum = RequestCounts.NONE;
        for (ConfigResult c : configs) {
            sum = sum.plus(c.counts());
        }
        return sum;
    }
}

package io.chimeraforge.eval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference's {@code EvalResult}: JSON keys {@code model, backend, quant, task, scores,
 * timestamp, warnings} (see {@link EvalJson}).
 *
 * @param model       model label
 * @param backend     backend label
 * @param quant       the quant as given (absent → JSON {@code null}, while {@code scores.quant}
 *                    says {@code "FP16"}, as the reference does)
 * @param task        task label ({@code custom}, a built-in task name, or {@code file:<name>})
 * @param scores      the rounded scores
 * @param timestamp   when the run finished (written in UTC, microsecond precision)
 * @param warnings    user-facing warnings, in the reference's order
 * @param scoringMode which ROUGE-L was used; {@link ScoringMode#REFERENCE} adds nothing to the
 *                    JSON, other modes add a {@code scoring_mode} key
 */
public record EvalResult(String model, String backend, Optional<String> quant, String task, QualityScore scores,
        Instant timestamp, List<String> warnings, ScoringMode scoringMode) {

    /** Validates and copies. */
    public EvalResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(scoringMode, "scoringMode");
        warnings = List.copyOf(warnings);
    }
}

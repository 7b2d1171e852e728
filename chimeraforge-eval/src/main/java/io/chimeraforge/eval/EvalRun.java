package io.chimeraforge.eval;

import io.chimeraforge.core.InvalidSettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One {@code eval} invocation as a library call: choose the inputs the way the reference's CLI
 * does, score them, and return the result plus the notes a front end should show.
 *
 * <p>Input modes, checked in this order:
 * <ol>
 *   <li>{@code task}: references are the built-in task's; predictions come from the predictions
 *       file if given, else the task's prompts are scored as placeholders (with a note). The
 *       references file is ignored (with a note). Task label = task name.</li>
 *   <li>{@code pairs}: a JSONL file of {@code {"prediction","reference"}} objects. Task label =
 *       {@code file:<file name>}.</li>
 *   <li>{@code predictions} and {@code references}: one entry per line. Task label =
 *       {@code file:<predictions file name>}.</li>
 * </ol>
 *
 * <pre>{@code
 * EvalRun.Outcome outcome = EvalRun.builder()
 *         .predictions(Path.of("pred.txt")).references(Path.of("ref.txt"))
 *         .model("llama3.2-3b").quant("Q4_K_M").fp16Baseline(0.7)
 *         .build()
 *         .execute(QualityScorer.reference());
 * String json = outcome.toJson();   // what `eval --json` prints
 * }</pre>
 *
 * @param task         built-in task name
 * @param predictions  predictions file (one per line)
 * @param references   references file (one per line)
 * @param pairs        JSONL pairs file
 * @param model        model label
 * @param quant        quantization label
 * @param fp16Baseline FP16 baseline composite for the tier, in (0, 1]
 * @param strictPairing refuse predictions and references of different lengths instead of scoring
 *                     the first {@code min} pairs with a warning (the reference's behaviour)
 */
public record EvalRun(Optional<String> task, Optional<Path> predictions, Optional<Path> references,
        Optional<Path> pairs, String model, Optional<String> quant, OptionalDouble fp16Baseline,
        boolean strictPairing) {

    /** Note given when a task runs without predictions. */
    public static final String PLACEHOLDER_NOTE =
            "No predictions file; scoring the task's prompts as placeholder predictions (scores will be low).";
    /** Note given when a references file comes with a task. */
    public static final String REFERENCES_IGNORED_NOTE =
            "The references file is ignored with a task; using the task's references.";

    /**
     * Validates the fields.
     *
     * @throws NullPointerException    when a field is null
     * @throws InvalidSettingException when the baseline is outside (0, 1]
     */
    public EvalRun {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(pairs, "pairs");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(fp16Baseline, "fp16Baseline");
        if (fp16Baseline.isPresent()) {
            Builder.requireBaseline(fp16Baseline.getAsDouble());
        }
    }

    /** A builder; model defaults to {@code "unknown"}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The result of {@link #execute}.
     *
     * @param result the eval result
     * @param notes  informational lines for the user (not warnings; not part of the JSON)
     */
    public record Outcome(EvalResult result, List<String> notes) {
        /** Copies the notes. */
        public Outcome {
            Objects.requireNonNull(result, "result");
            notes = List.copyOf(notes);
        }

        /** The document {@code eval --json} prints: a one-element array, indented by 2. */
        public String toJson() {
            return EvalJson.toJsonArray(List.of(result));
        }
    }

    /**
     * Reads the inputs and scores them.
     *
     * @throws EvalInputException   no usable input combination, a file problem, or (with
     *                              {@link #strictPairing}) inputs of different lengths
     * @throws UnknownTaskException the task does not exist
     */
    public Outcome execute(QualityScorer scorer) {
        return execute(scorer, Progress.NONE);
    }

    /** As {@link #execute(QualityScorer)}, reporting scoring progress to {@code progress}. */
    public Outcome execute(QualityScorer scorer, Progress progress) {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(progress, "progress");
        List<String> notes = new ArrayList<>();
        List<String> preds;
        List<String> refs;
        String taskLabel;
        if (task.isPresent()) {
            EvalTask t = EvalTasks.get(task.get());
            if (pairs.isPresent()) {
                throw new EvalModeException(EvalModeException.Conflict.PAIRS_WITH_TASK);
            }
            refs = t.references();
            if (predictions.isPresent()) {
                preds = EvalInputs.readLines(predictions.get(), "predictions");
            } else {
                preds = t.prompts();
                notes.add(PLACEHOLDER_NOTE);
            }
            if (references.isPresent()) {
                notes.add(REFERENCES_IGNORED_NOTE);
            }
            taskLabel = t.name();
        } else if (pairs.isPresent()) {
            if (predictions.isPresent() || references.isPresent()) {
                throw new EvalModeException(EvalModeException.Conflict.PAIRS_WITH_FILES);
            }
            EvalInputs.Pairs p = EvalInputs.readPairs(pairs.get());
            preds = p.predictions();
            refs = p.references();
            taskLabel = "file:" + fileName(pairs.get());
        } else if (predictions.isPresent() && references.isPresent()) {
            preds = EvalInputs.readLines(predictions.get(), "predictions");
            refs = EvalInputs.readLines(references.get(), "references");
            taskLabel = "file:" + fileName(predictions.get());
        } else {
            throw new EvalModeException(EvalModeException.Conflict.NO_INPUT);
        }
        if (strictPairing && preds.size() != refs.size()) {
            throw new EvalInputException("predictions and references do not pair up: " + preds.size()
                    + " predictions vs " + refs.size() + " references (strict pairing refuses to score the first "
                    + Math.min(preds.size(), refs.size()) + " only).");
        }
        EvalRequest request = EvalRequest.builder(preds, refs).model(model).quant(quant).task(taskLabel)
                .fp16Composite(fp16Baseline).build();
        return new Outcome(scorer.run(request, progress), notes);
    }

    private static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    /** Builder for {@link EvalRun}. */
    public static final class Builder {
        private Optional<String> task = Optional.empty();
        private Optional<Path> predictions = Optional.empty();
        private Optional<Path> references = Optional.empty();
        private Optional<Path> pairs = Optional.empty();
        private String model = "unknown";
        private Optional<String> quant = Optional.empty();
        private OptionalDouble fp16Baseline = OptionalDouble.empty();
        private boolean strictPairing;

        private Builder() {
        }

        /** A built-in task name. */
        public Builder task(String task) {
            this.task = Optional.of(nonNull("task", task));
            return this;
        }

        /** Predictions file, one per line. */
        public Builder predictions(Path file) {
            this.predictions = Optional.of(nonNull("predictions", file));
            return this;
        }

        /** References file, one per line. */
        public Builder references(Path file) {
            this.references = Optional.of(nonNull("references", file));
            return this;
        }

        /** JSONL pairs file. */
        public Builder pairs(Path file) {
            this.pairs = Optional.of(nonNull("pairs", file));
            return this;
        }

        /** Model label. Default {@code "unknown"}. */
        public Builder model(String model) {
            this.model = nonNull("model", model);
            return this;
        }

        /** Quantization label. */
        public Builder quant(String quant) {
            this.quant = Optional.of(nonNull("quant", quant));
            return this;
        }

        /**
         * FP16 baseline composite to grade the tier against: a composite score, so greater than 0
         * and at most 1 (a baseline of 5 would grade perfect scores unacceptable; 0 or less would
         * silently give tier "unknown").
         *
         * @throws InvalidSettingException outside (0, 1]
         */
        public Builder fp16Baseline(double composite) {
            this.fp16Baseline = OptionalDouble.of(requireBaseline(composite));
            return this;
        }

        /**
         * Refuse predictions and references of different lengths (default false: score the first
         * {@code min} pairs with a "Length mismatch" warning, as the reference does).
         */
        public Builder strictPairing(boolean strict) {
            this.strictPairing = strict;
            return this;
        }

        /** The run description. */
        public EvalRun build() {
            return new EvalRun(task, predictions, references, pairs, model, quant, fp16Baseline, strictPairing);
        }

        static double requireBaseline(double composite) {
            if (!(composite > 0 && composite <= 1)) {
                throw new InvalidSettingException("fp16Baseline", Double.toString(composite),
                        "greater than 0 and at most 1 (a composite score)");
            }
            return composite;
        }

        private static <T> T nonNull(String name, T value) {
            return Objects.requireNonNull(value, name);
        }
    }
}

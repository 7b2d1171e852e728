package io.chimeraforge.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * @param fp16Baseline FP16 baseline composite for the tier
 */
public record EvalRun(Optional<String> task, Optional<Path> predictions, Optional<Path> references,
        Optional<Path> pairs, String model, Optional<String> quant, OptionalDouble fp16Baseline) {

    /** Note shown when a task runs without predictions (the reference's text, without "Note: "). */
    public static final String PLACEHOLDER_NOTE =
            "No --predictions file; using task prompts as placeholder (scores will be low).";

    /** Validates presence of fields. */
    public EvalRun {
        if (task == null || predictions == null || references == null || pairs == null || model == null
                || quant == null || fp16Baseline == null) {
            throw new IllegalArgumentException("EvalRun fields must not be null");
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
            if (result == null) {
                throw new IllegalArgumentException("result must not be null");
            }
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
     * @throws EvalInputException   no usable input combination, or a file problem
     * @throws UnknownTaskException the task does not exist
     */
    public Outcome execute(QualityScorer scorer) {
        List<String> notes = new ArrayList<>();
        List<String> preds;
        List<String> refs;
        String taskLabel;
        if (task.isPresent()) {
            EvalTask t = EvalTasks.get(task.get());
            if (pairs.isPresent()) {
                throw new EvalInputException("--pairs cannot be combined with --task.");
            }
            refs = t.references();
            if (predictions.isPresent()) {
                preds = EvalInputs.readLines(predictions.get(), "predictions");
            } else {
                preds = t.prompts();
                notes.add(PLACEHOLDER_NOTE);
            }
            if (references.isPresent()) {
                notes.add("--references is ignored with --task; using the task's references.");
            }
            taskLabel = t.name();
        } else if (pairs.isPresent()) {
            if (predictions.isPresent() || references.isPresent()) {
                throw new EvalInputException("--pairs cannot be combined with --predictions or --references.");
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
            throw new EvalInputException("provide --task, --pairs, or both --predictions and --references.");
        }
        EvalRequest request = EvalRequest.builder(preds, refs).model(model).quant(quant).task(taskLabel)
                .fp16Composite(fp16Baseline).build();
        return new Outcome(scorer.run(request), notes);
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

        /** FP16 baseline composite (finite). */
        public Builder fp16Baseline(double composite) {
            if (!Double.isFinite(composite)) {
                throw new IllegalArgumentException("fp16Baseline must be finite, got " + composite);
            }
            this.fp16Baseline = OptionalDouble.of(composite);
            return this;
        }

        /** The run description. */
        public EvalRun build() {
            return new EvalRun(task, predictions, references, pairs, model, quant, fp16Baseline);
        }

        private static <T> T nonNull(String name, T value) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }
    }
}

package io.chimeraforge.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One eval run's inputs: the reference's {@code run_eval(predictions, references, model, backend,
 * quant, task, fp16_composite)}.
 *
 * @param predictions   model outputs
 * @param references    expected outputs; pairs beyond the shorter list are ignored (with a warning)
 * @param model         model label, default {@code "unknown"}
 * @param backend       backend label, default {@code "unknown"}
 * @param quant         quantization label; absent is reported as {@code null} in the result and as
 *                      {@code "FP16"} in its scores, as the reference does
 * @param task          task label, default {@code "custom"}
 * @param fp16Composite baseline composite for the tier; absent gives tier {@code unknown}
 */
public record EvalRequest(List<String> predictions, List<String> references, String model, String backend,
        Optional<String> quant, String task, OptionalDouble fp16Composite) {

    /** Validates and copies. */
    public EvalRequest {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(fp16Composite, "fp16Composite");
        predictions = List.copyOf(predictions);
        references = List.copyOf(references);
    }

    /** A builder with the reference's defaults. */
    public static Builder builder(List<String> predictions, List<String> references) {
        return new Builder(predictions, references);
    }

    /** A builder starting from this request. */
    public Builder toBuilder() {
        Builder b = new Builder(predictions, references);
        b.model = model;
        b.backend = backend;
        b.quant = quant;
        b.task = task;
        b.fp16Composite = fp16Composite;
        return b;
    }

    /** Builder for {@link EvalRequest}. */
    public static final class Builder {
        private final List<String> predictions;
        private final List<String> references;
        private String model = "unknown";
        private String backend = "unknown";
        private Optional<String> quant = Optional.empty();
        private String task = "custom";
        private OptionalDouble fp16Composite = OptionalDouble.empty();

        private Builder(List<String> predictions, List<String> references) {
            this.predictions = predictions;
            this.references = references;
        }

        /** Model label. Default {@code "unknown"}. */
        public Builder model(String model) {
            this.model = requireText("model", model);
            return this;
        }

        /** Backend label. Default {@code "unknown"}. */
        public Builder backend(String backend) {
            this.backend = requireText("backend", backend);
            return this;
        }

        /** Quantization label. Default none. */
        public Builder quant(String quant) {
            this.quant = Optional.of(requireText("quant", quant));
            return this;
        }

        /** Quantization label, or none. */
        public Builder quant(Optional<String> quant) {
            this.quant = quant;
            return this;
        }

        /** Task label. Default {@code "custom"}. */
        public Builder task(String task) {
            this.task = requireText("task", task);
            return this;
        }

        /** FP16 baseline composite for the tier (any finite value; {@code <= 0} gives unknown). */
        public Builder fp16Composite(double composite) {
            if (!Double.isFinite(composite)) {
                throw new IllegalArgumentException("fp16Composite must be finite, got " + composite);
            }
            this.fp16Composite = OptionalDouble.of(composite);
            return this;
        }

        /** FP16 baseline composite, or none. */
        public Builder fp16Composite(OptionalDouble composite) {
            this.fp16Composite = composite;
            return this;
        }

        /** The request. */
        public EvalRequest build() {
            return new EvalRequest(predictions, references, model, backend, quant, task, fp16Composite);
        }

        private static String requireText(String name, String value) {
            Objects.requireNonNull(value, name);
            return value;
        }
    }
}

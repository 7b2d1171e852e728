package io.chimeraforge.planner;

import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.quant.Quantization;
import java.util.Objects;
import java.util.Optional;

/**
 * One fixed deployment to check: a model at a quantization on a serving backend, with a replica
 * count and an optional tensor- or pipeline-parallel degree per replica. The GPU and the
 * workload come from the {@link PlanRequest} it is checked against.
 *
 * @param model            model identifier (registry name, Ollama tag, HF repo id)
 * @param spec             resolved facts, or empty to resolve {@code model} offline
 * @param quant            weight quantization, e.g. {@code "Q4_K_M"}
 * @param backend          serving engine
 * @param replicas         replicas, 1 to 1024
 * @param tensorParallel   GPUs per replica in tensor parallel, >= 1
 * @param pipelineParallel pipeline stages per replica, >= 1
 */
public record Deployment(String model, Optional<ModelSpec> spec, String quant, Backend backend, int replicas,
                         int tensorParallel, int pipelineParallel) {

    /** Most replicas a check accepts. */
    public static final int MAX_REPLICAS = 1024;

    public Deployment {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(backend, "backend");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (!Quantization.isKnown(quant)) {
            throw new IllegalArgumentException("quant must be one of " + Quantization.known() + ", got '" + quant + "'");
        }
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS + ", got " + replicas);
        }
        if (tensorParallel < 1) {
            throw new IllegalArgumentException("tensorParallel must be >= 1, got " + tensorParallel);
        }
        if (pipelineParallel < 1) {
            throw new IllegalArgumentException("pipelineParallel must be >= 1, got " + pipelineParallel);
        }
        if (tensorParallel > 1 && pipelineParallel > 1) {
            throw new IllegalStateException("tensor and pipeline parallelism cannot be combined; set only one above 1");
        }
    }

    /** A single-GPU deployment of {@code replicas} replicas. */
    public static Deployment of(String model, String quant, Backend backend, int replicas) {
        return new Deployment(model, Optional.empty(), quant, backend, replicas, 1, 1);
    }

    /** A single-GPU deployment of a model whose facts are already known. */
    public static Deployment of(ModelSpec spec, String quant, Backend backend, int replicas) {
        return new Deployment(spec.name(), Optional.of(spec), quant, backend, replicas, 1, 1);
    }

    /** The same deployment with {@code degree} GPUs per replica in tensor parallel. */
    public Deployment withTensorParallel(int degree) {
        return new Deployment(model, spec, quant, backend, replicas, degree, pipelineParallel);
    }

    /** The same deployment with {@code degree} pipeline stages per replica. */
    public Deployment withPipelineParallel(int degree) {
        return new Deployment(model, spec, quant, backend, replicas, tensorParallel, degree);
    }

    /** GPUs the deployment occupies. */
    public int gpus() {
        return replicas * tensorParallel * pipelineParallel;
    }
}

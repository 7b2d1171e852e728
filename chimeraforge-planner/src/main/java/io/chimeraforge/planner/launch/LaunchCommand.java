package io.chimeraforge.planner.launch;

import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.planner.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The serve command for a planned configuration, ready to copy: {@code vllm serve …},
 * {@code docker run … text-generation-inference …}, {@code python -m sglang.launch_server …} or
 * {@code ollama run …}, with the flags the plan determines (context length, batch, parallelism,
 * quantization, LoRA, KV-cache dtype) in the order each server documents them. Anything the plan
 * cannot know (a Hugging Face repo for a size-class plan, an adapter path) is a placeholder in
 * angle brackets with a note saying what to put there: a flag is never invented.
 *
 * <p>{@link #command()}, {@link #env()} and {@link #notes()} are exactly the reference tool's launch
 * export; {@link #replicaCommands()} goes further and gives one command per replica with its own
 * GPUs and port. Values taken from the plan are shell-quoted where needed; placeholders are not
 * (they are meant to be edited).
 *
 * @param backend         the serving backend
 * @param command         the command for one replica, multi-line with {@code " \\\n  "} continuations
 * @param env             environment assignments to export before it ({@code NAME=value})
 * @param notes           what to check or fill in before running it
 * @param replicaCommands one self-contained command per replica (GPU indices, port, environment
 *                        inline); a single entry for a one-replica plan
 */
public record LaunchCommand(Backend backend, String command, List<String> env, List<String> notes,
        List<String> replicaCommands) {

    /** The GPU-memory fraction vLLM is told to use. */
    public static final double RECOMMENDED_GPU_MEM_UTIL = 0.90;
    /** The TGI container image. */
    public static final String TGI_IMAGE = "ghcr.io/huggingface/text-generation-inference:latest";
    /** SGLang's default port. */
    public static final int SGLANG_DEFAULT_PORT = 30000;
    /** Placeholder for a Hugging Face repository. */
    public static final String HF_PLACEHOLDER = "<hf-repo>";
    /** Placeholder for an Ollama tag. */
    public static final String OLLAMA_PLACEHOLDER = "<ollama-tag>";
    /** Placeholder for LoRA adapter paths. */
    public static final String ADAPTER_PLACEHOLDER = "<adapter-path>";
    static final String JOIN = " \\\n  ";

    /** Copies the lists. */
    public LaunchCommand {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(command, "command");
        env = List.copyOf(env);
        notes = List.copyOf(notes);
        replicaCommands = List.copyOf(replicaCommands);
    }

    /**
     * The launch command for {@code candidate}, with a 512-token prompt, an FP16 KV cache and a
     * model that came from a registry size-class search.
     */
    public static LaunchCommand forCandidate(Candidate candidate, int contextLength) {
        return forCandidate(candidate, contextLength, 512, KvPrecision.FP16, Optional.empty());
    }

    /**
     * The launch command for {@code candidate}.
     *
     * @param candidate     the configuration to serve (normally the plan's recommendation)
     * @param contextLength the context window the plan used, ≥ 1
     * @param promptTokens  the prompt length the plan used, ≥ 0 (TGI's input limit)
     * @param kv            the KV-cache precision the plan used
     * @param modelSource   where the model's facts came from; empty for a size-class search (no
     *                      repository or tag is then known)
     */
    public static LaunchCommand forCandidate(Candidate candidate, int contextLength, int promptTokens, KvPrecision kv,
            Optional<ModelSource> modelSource) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(kv, "kv");
        Objects.requireNonNull(modelSource, "modelSource");
        if (contextLength < 1) {
            throw new IllegalArgumentException("contextLength must be >= 1, got " + contextLength);
        }
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must be >= 0, got " + promptTokens);
        }
        return Templates.build(candidate, contextLength, promptTokens, kv, modelSource);
    }

    /** The command for one replica, flags on one line each, as it prints. */
    @Override
    public String toString() {
        return command;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static List<String> list() {
        return new ArrayList<>();
    }
}

package io.chimeraforge.planner.launch;

import static io.chimeraforge.planner.launch.LaunchCommand.ADAPTER_PLACEHOLDER;
import static io.chimeraforge.planner.launch.LaunchCommand.HF_PLACEHOLDER;
import static io.chimeraforge.planner.launch.LaunchCommand.JOIN;
import static io.chimeraforge.planner.launch.LaunchCommand.OLLAMA_PLACEHOLDER;
import static io.chimeraforge.planner.launch.LaunchCommand.SGLANG_DEFAULT_PORT;
import static io.chimeraforge.planner.launch.LaunchCommand.TGI_IMAGE;

import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.planner.internal.ShellQuote;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.planner.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The four backends' command templates (planner-extensions §4.5): flag order is each server's. */
final class Templates {

    private static final String GPU_MEM_UTIL = "0.9";
    private static final int VLLM_DEFAULT_PORT = 8000;
    private static final int TGI_HOST_PORT = 8080;
    private static final int OLLAMA_DEFAULT_PORT = 11434;

    private Templates() {
    }

    /** What a template needs, with the identifier already chosen. */
    private record Plan(Candidate c, int ctx, int prompt, KvPrecision kv, String id, List<String> placeholderNotes) {
        int batch() {
            return c.batchPerGpu();
        }

        int tp() {
            return c.tensorParallel();
        }

        int pp() {
            return c.pipelineParallel();
        }

        boolean lora() {
            return c.loraAdapters() > 0;
        }
    }

    static LaunchCommand build(Candidate c, int ctx, int prompt, KvPrecision kv, Optional<ModelSource> source) {
        String origin = source.map(ModelSource::id).orElse("registry size-class");
        List<String> placeholder = new ArrayList<>();
        String id;
        if (c.backend() == Backend.OLLAMA) {
            if (source.orElse(null) == ModelSource.OLLAMA || c.model().startsWith("ollama:")) {
                id = ShellQuote.quote(c.model().startsWith("ollama:") ? c.model().substring("ollama:".length())
                        : c.model());
            } else {
                id = OLLAMA_PLACEHOLDER;
                placeholder.add("Replace " + OLLAMA_PLACEHOLDER + " with the Ollama model tag (the plan's model came from "
                        + origin + ").");
            }
        } else if (source.orElse(null) == ModelSource.HF || c.model().contains("/")) {
            id = ShellQuote.quote(c.model());
        } else {
            id = HF_PLACEHOLDER;
            placeholder.add("Replace " + HF_PLACEHOLDER + " with the model's Hugging Face repo (the plan's model came from "
                    + origin + ", not an HF repo).");
        }
        Plan p = new Plan(c, ctx, prompt, kv, id, placeholder);
        return switch (c.backend()) {
            case VLLM -> vllm(p);
            case TGI -> tgi(p);
            case SGLANG -> sglang(p);
            case OLLAMA -> ollama(p);
        };
    }

    /** The native quantization name for vLLM/TGI/SGLang flags, or empty for float and GGUF scales. */
    private static Optional<String> nativeQuant(String quant) {
        return switch (quant.toUpperCase(java.util.Locale.ROOT)) {
            case "FP8", "AWQ", "GPTQ" -> Optional.of(LaunchCommand.lower(quant));
            default -> Optional.empty();
        };
    }

    private static boolean floatWeights(String quant) {
        String q = quant.toUpperCase(java.util.Locale.ROOT);
        return q.equals("FP16") || q.equals("BF16");
    }

    private static void ggufNote(Plan p, List<String> notes) {
        if (nativeQuant(p.c().quant()).isEmpty() && !floatWeights(p.c().quant())) {
            notes.add("Planner modeled quant " + p.c().quant() + " (a GGUF scale). vLLM/TGI serve fp16/fp8/AWQ/GPTQ"
                    + " checkpoints, not GGUF quant names -- serve the native-equivalent quantized checkpoint and add"
                    + " its --quantization/--quantize flag (fp8, awq, gptq).");
        }
    }

    private static void loraNote(Plan p, List<String> notes) {
        if (p.lora()) {
            notes.add("Replace " + ADAPTER_PLACEHOLDER + " with your adapter path(s): the plan sized "
                    + p.c().loraAdapters() + " rank-" + p.c().loraRank()
                    + " adapter(s) but does not know where they live.");
        }
    }

    private static void q4Note(Plan p, String server, List<String> notes) {
        if (p.kv() == KvPrecision.Q4) {
            notes.add(server + "'s smallest KV-cache dtype is fp8; the plan modeled q4 KV, so real KV VRAM on " + server
                    + " will be higher than the plan assumed.");
        }
    }

    private static LaunchCommand vllm(Plan p) {
        List<String> flags = new ArrayList<>(List.of("vllm serve " + p.id(), "--max-model-len " + p.ctx(),
                "--gpu-memory-utilization " + GPU_MEM_UTIL));
        nativeQuant(p.c().quant()).ifPresent(q -> flags.add("--quantization " + q));
        if (p.tp() > 1) {
            flags.add("--tensor-parallel-size " + p.tp());
        }
        if (p.pp() > 1) {
            flags.add("--pipeline-parallel-size " + p.pp());
        }
        if (p.batch() > 1) {
            flags.add("--max-num-seqs " + p.batch());
        }
        if (p.lora()) {
            flags.addAll(List.of("--enable-lora", "--max-loras " + p.c().loraAdapters(),
                    "--max-lora-rank " + p.c().loraRank(), "--lora-modules " + ADAPTER_PLACEHOLDER));
        }
        if (p.kv().quantized()) {
            flags.add("--kv-cache-dtype fp8");
        }
        List<String> notes = new ArrayList<>();
        loraNote(p, notes);
        q4Note(p, "vLLM", notes);
        ggufNote(p, notes);
        notes.add("--gpu-memory-utilization " + GPU_MEM_UTIL + " is a starting point: raise toward 0.95 if you have"
                + " headroom, lower it on OOM.");
        notes.addAll(p.placeholderNotes());
        List<String> replicas = replicas(p, (i, gpus) -> "CUDA_VISIBLE_DEVICES=" + gpus + " "
                + String.join(JOIN, withFlag(flags, 1, "--port " + (VLLM_DEFAULT_PORT + i))));
        return new LaunchCommand(Backend.VLLM, String.join(JOIN, flags), List.of(), notes, replicas);
    }

    private static LaunchCommand tgi(Plan p) {
        List<String> tail = new ArrayList<>(List.of(TGI_IMAGE, "--model-id " + p.id(),
                "--max-input-tokens " + Math.min(p.prompt(), p.ctx() - 1), "--max-total-tokens " + p.ctx()));
        nativeQuant(p.c().quant()).ifPresent(q -> tail.add("--quantize " + q));
        if (p.batch() > 1) {
            tail.add("--max-concurrent-requests " + p.batch());
        }
        if (p.tp() > 1) {
            tail.add("--num-shard " + p.tp());
        }
        if (p.lora()) {
            tail.add("--lora-adapters " + ADAPTER_PLACEHOLDER);
        }
        if (p.kv().quantized()) {
            tail.add("--kv-cache-dtype fp8_e5m2");
        }
        List<String> flags = new ArrayList<>(List.of("docker run --gpus all --shm-size 1g -p " + TGI_HOST_PORT + ":80",
                "-v $HOME/.cache/huggingface:/data"));
        flags.addAll(tail);
        List<String> notes = new ArrayList<>();
        loraNote(p, notes);
        q4Note(p, "TGI", notes);
        if (p.pp() > 1) {
            notes.add("TGI parallelises with tensor sharding (--num-shard); it has no pipeline-parallel flag (the plan"
                    + " used PP=" + p.pp() + ").");
        }
        ggufNote(p, notes);
        notes.addAll(p.placeholderNotes());
        List<String> replicas = replicas(p, (i, gpus) -> {
            List<String> own = new ArrayList<>(List.of("docker run --gpus '\"device=" + gpus + "\"' --shm-size 1g -p "
                    + (TGI_HOST_PORT + i) + ":80", "-v $HOME/.cache/huggingface:/data"));
            own.addAll(tail);
            return String.join(JOIN, own);
        });
        return new LaunchCommand(Backend.TGI, String.join(JOIN, flags), List.of(), notes, replicas);
    }

    private static LaunchCommand sglang(Plan p) {
        List<String> flags = new ArrayList<>(List.of("python -m sglang.launch_server --model-path " + p.id(),
                "--context-length " + p.ctx(), "--port " + SGLANG_DEFAULT_PORT));
        if (p.tp() > 1) {
            flags.add("--tp-size " + p.tp());
        }
        if (p.pp() > 1) {
            flags.add("--pp-size " + p.pp());
        }
        if (p.batch() > 1) {
            flags.add("--max-running-requests " + p.batch());
        }
        nativeQuant(p.c().quant()).ifPresent(q -> flags.add("--quantization " + q));
        if (p.lora()) {
            flags.addAll(List.of("--lora-paths " + ADAPTER_PLACEHOLDER, "--max-loras-per-batch " + p.c().loraAdapters()));
        }
        if (p.kv().quantized()) {
            flags.add("--kv-cache-dtype fp8_e5m2");
        }
        List<String> notes = new ArrayList<>();
        loraNote(p, notes);
        q4Note(p, "SGLang", notes);
        ggufNote(p, notes);
        notes.addAll(p.placeholderNotes());
        List<String> replicas = replicas(p, (i, gpus) -> {
            List<String> own = new ArrayList<>(flags);
            own.set(2, "--port " + (SGLANG_DEFAULT_PORT + i));
            return "CUDA_VISIBLE_DEVICES=" + gpus + " " + String.join(JOIN, own);
        });
        return new LaunchCommand(Backend.SGLANG, String.join(JOIN, flags), List.of(), notes, replicas);
    }

    private static LaunchCommand ollama(Plan p) {
        List<String> env = new ArrayList<>();
        if (p.batch() > 1) {
            env.add("OLLAMA_NUM_PARALLEL=" + p.batch());
        }
        if (p.kv().quantized()) {
            env.add("OLLAMA_FLASH_ATTENTION=1");
            env.add("OLLAMA_KV_CACHE_TYPE=" + (p.kv() == KvPrecision.Q8 ? "q8_0" : "q4_0"));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Set the context window to " + p.ctx() + " tokens (`/set parameter num_ctx " + p.ctx()
                + "` in the session, or options.num_ctx via the /api/generate call).");
        if (p.c().gpusTotal() > 1) {
            notes.add("Ollama auto-distributes a large model across visible GPUs and has no explicit TP/PP flag (the"
                    + " plan used " + p.c().gpusTotal() + " GPUs); control placement with CUDA_VISIBLE_DEVICES.");
        }
        notes.addAll(p.placeholderNotes());
        if (p.lora()) {
            notes.add("The plan sized " + p.c().loraAdapters() + " LoRA adapter(s), but ollama does not serve adapters"
                    + " per request -- merge the adapter into the base weights and serve that instead.");
        }
        String command = "ollama run " + p.id();
        // one server per replica, on its own GPUs and port; the model loads on its first request
        List<String> replicas = replicas(p, (i, gpus) -> "CUDA_VISIBLE_DEVICES=" + gpus + " OLLAMA_HOST=127.0.0.1:"
                + (OLLAMA_DEFAULT_PORT + i) + (env.isEmpty() ? "" : " " + String.join(" ", env)) + " ollama serve");
        return new LaunchCommand(Backend.OLLAMA, command, env, notes, replicas);
    }

    /** Builds replica i's command from its GPU list ("0,1"). */
    private interface ReplicaCommand {
        String of(int replica, String gpus);
    }

    private static List<String> replicas(Plan p, ReplicaCommand command) {
        int perReplica = Math.max(1, p.tp() * p.pp());
        int n = Math.max(1, p.c().replicas());
        return IntStream.range(0, n).mapToObj(i -> command.of(i, IntStream.range(i * perReplica, (i + 1) * perReplica)
                .mapToObj(Integer::toString).collect(Collectors.joining(",")))).toList();
    }

    private static List<String> withFlag(List<String> flags, int at, String flag) {
        List<String> own = new ArrayList<>(flags);
        own.add(at, flag);
        return own;
    }
}

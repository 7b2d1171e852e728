package io.chimeraforge.planner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.estimate.QualityModel;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.CandidateProvenance;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Launch-command export: spec planner-extensions §4.7 and the reference's recorded commands. */
class LaunchCommandTest {

    private static final Optional<ModelSource> HF = Optional.of(ModelSource.HF);
    private static final String QWEN = "Qwen/Qwen2.5-7B-Instruct";

    static Candidate candidate(String model, String quant, Backend backend, int replicas, int batch, int tp, int pp,
            int loraAdapters, int loraRank) {
        return new Candidate(model, quant, backend, replicas, 1.0, 0.6, QualityModel.Tier.NEGLIGIBLE, 10, 10, 1.0, 100,
                0.5, 10, 0.1, OptionalDouble.empty(), "UNKNOWN", List.of(), 7.0, 7.0, ModelSource.MANUAL, 0, 128, 0.0,
                512, 1.0, 1.0, 0.1, 1000, new CandidateProvenance(Provenance.ESTIMATED, Provenance.ESTIMATED,
                        Provenance.ESTIMATED, Provenance.UNKNOWN), 1, 1.0, 1.0, batch, 100, 1, 0.1, 0.1, tp, pp,
                replicas * tp * pp, 0.0, 0.0, loraAdapters, loraRank, 0.0, 0.0, 0.0);
    }

    private static Candidate simple(String model, String quant, Backend backend) {
        return candidate(model, quant, backend, 1, 1, 1, 1, 0, 0);
    }

    private static LaunchCommand launch(Candidate c, int ctx, int prompt, KvPrecision kv, Optional<ModelSource> s) {
        return LaunchCommand.forCandidate(c, ctx, prompt, kv, s);
    }

    @Test
    void vllmWithAnHfRepo() {
        LaunchCommand l = launch(simple(QWEN, "FP16", Backend.VLLM), 2048, 512, KvPrecision.FP16, HF);
        assertThat(l.command()).startsWith("vllm serve " + QWEN).contains("--max-model-len 2048",
                "--gpu-memory-utilization 0.9").doesNotContain("<hf-repo>");
        LaunchCommand big = launch(candidate(QWEN, "FP16", Backend.VLLM, 1, 8, 4, 2, 0, 0), 2048, 512,
                KvPrecision.Q4, HF);
        assertThat(big.command()).contains("--tensor-parallel-size 4", "--pipeline-parallel-size 2", "--max-num-seqs 8",
                "--kv-cache-dtype fp8");
        assertThat(big.notes()).anyMatch(n -> n.contains("q4") && n.contains("fp8"));
    }

    @Test
    void ggufScalesGetANoteNotAFlag() {
        LaunchCommand l = launch(simple(QWEN, "Q4_K_M", Backend.VLLM), 2048, 512, KvPrecision.FP16, HF);
        assertThat(l.command()).doesNotContain("Q4_K_M");
        assertThat(l.notes()).anyMatch(n -> n.contains("Q4_K_M") && n.contains("GGUF"));
        for (String q : List.of("FP16", "FP8", "AWQ")) {
            assertThat(launch(simple(QWEN, q, Backend.VLLM), 2048, 512, KvPrecision.FP16, HF).notes())
                    .noneMatch(n -> n.contains("GGUF"));
        }
    }

    @Test
    void placeholdersWhereThePlanKnowsNoRepository() {
        LaunchCommand ollamaSource = launch(simple("qwen3:14b", "FP16", Backend.VLLM), 2048, 512, KvPrecision.FP16,
                Optional.of(ModelSource.OLLAMA));
        assertThat(ollamaSource.command()).contains("<hf-repo>");
        assertThat(ollamaSource.notes()).anyMatch(n -> n.contains("Hugging Face repo"));
        LaunchCommand sizeClass = LaunchCommand.forCandidate(simple("llama3.1-8b", "FP16", Backend.VLLM), 2048);
        assertThat(sizeClass.notes()).anyMatch(n -> n.contains("registry size-class"));
    }

    @Test
    void ollama() {
        LaunchCommand l = launch(simple("ollama:qwen3:14b", "Q4_K_M", Backend.OLLAMA), 8192, 512, KvPrecision.FP16,
                Optional.empty());
        assertThat(l.command()).isEqualTo("ollama run qwen3:14b");
        assertThat(l.notes()).anyMatch(n -> n.contains("num_ctx 8192"));
        LaunchCommand batched = launch(candidate("qwen3:14b", "Q8_0", Backend.OLLAMA, 1, 4, 1, 1, 0, 0), 2048, 512,
                KvPrecision.Q8, Optional.of(ModelSource.OLLAMA));
        assertThat(batched.env()).containsExactly("OLLAMA_NUM_PARALLEL=4", "OLLAMA_FLASH_ATTENTION=1",
                "OLLAMA_KV_CACHE_TYPE=q8_0");
        assertThat(launch(simple(QWEN, "Q4_K_M", Backend.OLLAMA), 2048, 512, KvPrecision.FP16, HF).command())
                .isEqualTo("ollama run <ollama-tag>");
        assertThat(launch(candidate("qwen3:14b", "Q4_K_M", Backend.OLLAMA, 1, 1, 4, 1, 0, 0), 2048, 512,
                KvPrecision.FP16, Optional.of(ModelSource.OLLAMA)).notes()).anyMatch(n -> n.contains("CUDA_VISIBLE_DEVICES"));
    }

    @Test
    void tgi() {
        LaunchCommand l = launch(simple(QWEN, "FP16", Backend.TGI), 2048, 512, KvPrecision.FP16, HF);
        assertThat(l.command()).startsWith("docker run").contains("text-generation-inference", "--model-id " + QWEN,
                "--max-total-tokens 2048", "--max-input-tokens 512");
        assertThat(launch(candidate(QWEN, "FP16", Backend.TGI, 1, 1, 2, 1, 0, 0), 2048, 512, KvPrecision.FP16, HF)
                .command()).contains("--num-shard 2");
        assertThat(launch(candidate(QWEN, "FP16", Backend.TGI, 1, 1, 1, 2, 0, 0), 2048, 512, KvPrecision.FP16, HF)
                .notes()).anyMatch(n -> n.contains("pipeline-parallel") && n.contains("PP=2"));
        assertThat(launch(simple(QWEN, "FP16", Backend.TGI), 2048, 512, KvPrecision.Q8, HF).command())
                .contains("--kv-cache-dtype fp8_e5m2");
        assertThat(launch(simple(QWEN, "FP16", Backend.TGI), 1024, 99999, KvPrecision.FP16, HF).command())
                .contains("--max-input-tokens 1023");
    }

    @Test
    void sglang() {
        LaunchCommand l = launch(simple(QWEN, "FP16", Backend.SGLANG), 8192, 512, KvPrecision.Q8, HF);
        assertThat(l.command()).startsWith("python -m sglang.launch_server --model-path").contains(
                "--context-length 8192", "--port 30000", "--kv-cache-dtype fp8_e5m2");
        assertThat(launch(simple(QWEN, "FP16", Backend.SGLANG), 8192, 512, KvPrecision.Q4, HF).notes())
                .anyMatch(n -> n.contains("smallest KV-cache dtype is fp8"));
        assertThat(launch(candidate(QWEN, "FP8", Backend.SGLANG, 1, 8, 4, 1, 0, 0), 2048, 512, KvPrecision.FP16, HF)
                .command()).contains("--tp-size 4", "--max-running-requests 8", "--quantization fp8");
    }

    @Test
    void lora() {
        assertThat(launch(candidate(QWEN, "FP16", Backend.VLLM, 1, 1, 1, 1, 4, 32), 2048, 512, KvPrecision.FP16, HF)
                .command()).contains("--enable-lora", "--max-loras 4", "--max-lora-rank 32", "<adapter-path>");
        LaunchCommand sg = launch(candidate(QWEN, "FP16", Backend.SGLANG, 1, 1, 1, 1, 4, 32), 2048, 512,
                KvPrecision.FP16, HF);
        assertThat(sg.command()).contains("--lora-paths <adapter-path>", "--max-loras-per-batch 4");
        assertThat(sg.notes()).anyMatch(n -> n.contains("adapter path"));
        assertThat(launch(candidate(QWEN, "FP16", Backend.TGI, 1, 1, 1, 1, 4, 32), 2048, 512, KvPrecision.FP16, HF)
                .command()).contains("--lora-adapters");
        LaunchCommand ol = launch(candidate("ollama:qwen3:14b", "Q4_K_M", Backend.OLLAMA, 1, 1, 1, 1, 4, 32), 2048, 512,
                KvPrecision.FP16, Optional.empty());
        assertThat(ol.command()).doesNotContainIgnoringCase("lora");
        assertThat(ol.notes()).anyMatch(n -> n.contains("merge the adapter"));
        LaunchCommand none = launch(simple(QWEN, "FP16", Backend.VLLM), 2048, 512, KvPrecision.FP16, HF);
        assertThat(none.command()).doesNotContain("lora");
        assertThat(none.notes()).noneMatch(n -> n.contains("adapter"));
    }

    @Test
    void exactVllmCommand() {
        LaunchCommand l = launch(candidate(QWEN, "AWQ", Backend.VLLM, 1, 16, 2, 1, 0, 0), 8192, 512, KvPrecision.Q8, HF);
        assertThat(l.command()).isEqualTo(String.join(" \\\n  ", "vllm serve Qwen/Qwen2.5-7B-Instruct",
                "--max-model-len 8192", "--gpu-memory-utilization 0.9", "--quantization awq",
                "--tensor-parallel-size 2", "--max-num-seqs 16", "--kv-cache-dtype fp8"));
        assertThat(l.notes()).hasSize(1);
    }

    /** The reference's recorded launch objects (golden plan.jsonl, v0.30.0), rebuilt from their candidates. */
    @Test
    void reproducesTheReferenceRecords() {
        LaunchCommand ollama = LaunchCommand.forCandidate(candidate("llama3.1-8b", "Q3_K_S", Backend.OLLAMA, 1, 1, 1, 1,
                0, 0), 2048);
        assertThat(ollama.command()).isEqualTo("ollama run <ollama-tag>");
        assertThat(ollama.env()).isEmpty();
        assertThat(ollama.notes()).containsExactly("Set the context window to 2048 tokens (`/set parameter num_ctx 2048`"
                + " in the session, or options.num_ctx via the /api/generate call).", "Replace <ollama-tag> with the"
                + " Ollama model tag (the plan's model came from registry size-class).");
        LaunchCommand q8kv = launch(candidate("llama3.2-1b", "FP16", Backend.VLLM, 1, 2, 1, 1, 0, 0), 2048, 512,
                KvPrecision.Q8, Optional.empty());
        assertThat(q8kv.command()).isEqualTo("vllm serve <hf-repo> \\\n  --max-model-len 2048 \\\n"
                + "  --gpu-memory-utilization 0.9 \\\n  --max-num-seqs 2 \\\n  --kv-cache-dtype fp8");
        assertThat(q8kv.notes()).containsExactly("--gpu-memory-utilization 0.9 is a starting point: raise toward 0.95 if"
                + " you have headroom, lower it on OOM.", "Replace <hf-repo> with the model's Hugging Face repo (the"
                + " plan's model came from registry size-class, not an HF repo).");
        LaunchCommand manual = launch(candidate("meta-llama/Llama-3.1-70B-Instruct", "AWQ", Backend.VLLM, 3, 8, 1, 1,
                0, 0), 2048, 512, KvPrecision.FP16, Optional.of(ModelSource.MANUAL));
        assertThat(manual.command()).isEqualTo("vllm serve meta-llama/Llama-3.1-70B-Instruct \\\n"
                + "  --max-model-len 2048 \\\n  --gpu-memory-utilization 0.9 \\\n  --quantization awq \\\n"
                + "  --max-num-seqs 8");
        assertThat(manual.notes()).containsExactly("--gpu-memory-utilization 0.9 is a starting point: raise toward"
                + " 0.95 if you have headroom, lower it on OOM.");
    }

    @Test
    void oneCommandPerReplicaWithItsOwnGpusAndPort() {
        LaunchCommand l = launch(candidate(QWEN, "FP16", Backend.VLLM, 3, 8, 2, 1, 0, 0), 2048, 512, KvPrecision.FP16,
                HF);
        assertThat(l.replicaCommands()).hasSize(3);
        assertThat(l.replicaCommands().get(0)).startsWith("CUDA_VISIBLE_DEVICES=0,1 vllm serve " + QWEN)
                .contains("--port 8000");
        assertThat(l.replicaCommands().get(2)).startsWith("CUDA_VISIBLE_DEVICES=4,5 ").contains("--port 8002");
        LaunchCommand tgi = launch(candidate(QWEN, "FP16", Backend.TGI, 2, 1, 1, 1, 0, 0), 2048, 512, KvPrecision.FP16,
                HF);
        assertThat(tgi.replicaCommands().get(1)).contains("--gpus '\"device=1\"'", "-p 8081:80");
        LaunchCommand sg = launch(candidate(QWEN, "FP16", Backend.SGLANG, 2, 1, 1, 1, 0, 0), 2048, 512,
                KvPrecision.FP16, HF);
        assertThat(sg.replicaCommands().get(1)).contains("--port 30001").doesNotContain("--port 30000");
        LaunchCommand ol = launch(candidate("qwen3:14b", "Q4_K_M", Backend.OLLAMA, 2, 4, 1, 1, 0, 0), 2048, 512,
                KvPrecision.FP16, Optional.of(ModelSource.OLLAMA));
        assertThat(ol.replicaCommands()).containsExactly(
                "CUDA_VISIBLE_DEVICES=0 OLLAMA_HOST=127.0.0.1:11434 OLLAMA_NUM_PARALLEL=4 ollama serve",
                "CUDA_VISIBLE_DEVICES=1 OLLAMA_HOST=127.0.0.1:11435 OLLAMA_NUM_PARALLEL=4 ollama serve");
    }

    @Test
    void modelIdsThatAreNotPlainWordsAreQuoted() {
        LaunchCommand l = launch(simple("org/it's a $model", "FP16", Backend.VLLM), 2048, 512, KvPrecision.FP16, HF);
        assertThat(l.command()).startsWith("vllm serve 'org/it'\"'\"'s a $model'");
    }
}

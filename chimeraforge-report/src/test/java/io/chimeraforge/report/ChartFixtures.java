package io.chimeraforge.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.Stats;
import io.chimeraforge.core.result.StatSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/** Bench result objects for the chart tests, built directly (seeded, so every run is the same). */
final class ChartFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ChartFixtures() {
    }

    /**
     * One result. {@code ttftMeasured} false writes TTFT −1 for every request; {@code p90} false
     * leaves p90 out of the aggregate (as the reference tool's files do); {@code concurrency} or
     * {@code rate} null leave them out of {@code load}; {@code outputTps} null leaves out the
     * aggregate output throughput.
     */
    static ObjectNode result(String model, String backend, String quant, String workload, int ctx, int requests,
            long seed, double ttftBase, boolean ttftMeasured, boolean p90, Integer concurrency, Double rate,
            Double outputTps) {
        Random random = new Random(seed);
        ObjectNode r = MAPPER.createObjectNode();
        r.put("model", model).put("backend", backend).put("quant", quant).put("workload", workload)
                .put("runs", requests).put("context_length", ctx);
        ArrayNode runs = r.putArray("individual_runs");
        double[] tps = new double[requests];
        double[] ttft = new double[requests];
        double[] dur = new double[requests];
        long tokens = 0;
        for (int i = 0; i < requests; i++) {
            tps[i] = 40 + random.nextDouble() * 20;
            ttft[i] = ttftMeasured ? ttftBase * (0.8 + random.nextDouble() * 0.6) : -1;
            dur[i] = 128 / tps[i] * 1000 + (ttftMeasured ? ttft[i] : 0);
            tokens += 128;
            runs.addObject().put("tokens_generated", 128).put("throughput_tps", tps[i]).put("ttft_ms", ttft[i])
                    .put("total_duration_ms", dur[i]).put("prompt_eval_duration_ms", 0.0)
                    .put("eval_duration_ms", dur[i]);
        }
        ObjectNode agg = r.putObject("aggregate");
        agg.put("count", requests);
        summary(agg.putObject("throughput_tps"), tps, p90);
        summary(agg.putObject("ttft_ms"), ttftMeasured ? ttft : new double[] {-1, -1}, p90);
        summary(agg.putObject("total_duration_ms"), dur, p90);
        agg.put("tokens_generated", tokens);
        if (outputTps != null) {
            agg.put("output_throughput_tps", outputTps);
        }
        ObjectNode env = r.putObject("environment");
        env.put("os", "Linux").put("platform", "Linux-6.1-x86_64").put("python_version", "17.0.12")
                .put("chimeraforge_version", "0.1.0").put("gpu_name", "NVIDIA GeForce RTX 4090")
                .put("backend_name", backend);
        r.put("timestamp", "2026-12-01T12:00:00+00:00");
        r.putArray("warnings");
        if (concurrency != null || rate != null) {
            ObjectNode load = r.putObject("load");
            load.put("mode", workload);
            if (concurrency != null) {
                load.put("concurrency", concurrency);
            }
            if (rate != null) {
                load.put("rate", rate);
            }
        }
        return r;
    }

    private static void summary(ObjectNode node, double[] values, boolean p90) {
        StatSummary s = Stats.summarize(values);
        node.put("mean", s.mean()).put("p50", s.p50());
        if (p90) {
            node.put("p90", s.p90());
        }
        node.put("p95", s.p95()).put("p99", s.p99()).put("min", s.min()).put("max", s.max())
                .put("stddev", s.stddev());
    }

    /**
     * Six configurations: an Ollama single run; a vLLM concurrency sweep 1, 2, 4 (#2-#4); a
     * TGI server run at 2 req/s; a TGI run whose TTFT was not measured and whose aggregate lacks
     * p90 (the reference tool's shape).
     */
    static List<ObjectNode> sixConfigurations() {
        List<ObjectNode> out = new ArrayList<>();
        out.add(result("llama3.2-3b", "ollama", "Q4_K_M", "single", 2048, 20, 1, 90, true, true, 1, null, 48.0));
        out.add(result("llama3.1-8b", "vllm", "FP16", "batch", 2048, 30, 2, 60, true, true, 1, null, 52.0));
        out.add(result("llama3.1-8b", "vllm", "FP16", "batch", 2048, 30, 3, 75, true, true, 2, null, 97.0));
        out.add(result("llama3.1-8b", "vllm", "FP16", "batch", 2048, 30, 4, 110, true, true, 4, null, 171.0));
        out.add(result("qwen2.5-7b", "tgi", "FP16", "server", 4096, 40, 5, 140, true, true, 8, 2.0, 160.0));
        out.add(result("mistral-7b", "tgi", "FP16", "single", 2048, 10, 6, 0, false, false, null, null, null));
        return out;
    }

    /** Predictions for the vLLM and Ollama results; TGI ones get a reason instead. */
    static Function<BenchResult, Optional<Prediction>> predictions() {
        return r -> switch (r.backend()) {
            case "vllm" -> Optional.of(Prediction.of(55, 70, 2700, "RTX 4090 24GB · vllm FP16 · 1 replica"));
            case "ollama" -> Optional.of(Prediction.of(45, 100, 3100, "RTX 4090 24GB · ollama Q4_K_M"));
            default -> Optional.of(Prediction.unavailable("no GPU recorded for this result"));
        };
    }
}

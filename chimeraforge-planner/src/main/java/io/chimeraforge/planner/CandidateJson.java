package io.chimeraforge.planner;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes candidates in the reference tool's JSON schema: the 47 snake_case keys in its order,
 * numbers as Python prints them, so files move between the two tools and diff cleanly.
 */
public final class CandidateJson {

    private CandidateJson() {
    }

    /** A candidate list as the reference's {@code plan --json} prints it (indent 2). */
    public static String toJson(List<Candidate> candidates) {
        StringWriter out = new StringWriter(4096 + candidates.size() * 2048);
        try (JsonGenerator g = Json.pythonStyleGenerator(out)) {
            writeArray(g, candidates);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes a candidate array to a generator. */
    public static void writeArray(JsonGenerator g, List<Candidate> candidates) throws IOException {
        g.writeStartArray();
        for (Candidate c : candidates) {
            write(g, c);
        }
        g.writeEndArray();
    }

    /** Writes one candidate object to a generator. */
    public static void write(JsonGenerator g, Candidate c) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", c.model());
        g.writeStringField("quant", c.quant());
        g.writeStringField("backend", c.backend().id());
        g.writeNumberField("n_agents", c.replicas());
        number(g, "vram_gb", c.vramPerGpuGb());
        number(g, "quality", c.quality());
        g.writeStringField("quality_tier", c.qualityTier().id());
        number(g, "throughput_tps", c.singleStreamTps());
        number(g, "total_throughput_tps", c.totalThroughputTps());
        number(g, "eta", c.eta());
        number(g, "p95_latency_ms", c.p95LatencyMs());
        number(g, "utilisation", c.utilisation());
        number(g, "monthly_cost", c.monthlyCostUsd());
        number(g, "cost_per_1m_tok", c.costPerMillionTokensUsd());
        g.writeFieldName("safety_refusal");
        if (c.refusalRate().isPresent()) {
            Json.writePyNumber(g, c.refusalRate().getAsDouble());
        } else {
            g.writeNull();
        }
        g.writeStringField("rtsi_risk", c.rtsiRisk());
        g.writeArrayFieldStart("warnings");
        for (String warning : c.warnings()) {
            g.writeString(warning);
        }
        g.writeEndArray();
        number(g, "params_b", c.paramsB());
        number(g, "active_params_b", c.activeParamsB());
        g.writeStringField("model_source", c.modelSource().id());
        g.writeNumberField("reasoning_tokens", c.reasoningTokens());
        g.writeNumberField("decode_tokens_per_req", c.decodeTokensPerRequest());
        number(g, "prefix_cache_hit_rate", c.prefixCacheHitRate());
        g.writeNumberField("prefill_tokens_effective", c.prefillTokensEffective());
        number(g, "duty_cycle", c.dutyCycle());
        number(g, "gpu_price_multiplier", c.gpuPriceMultiplier());
        number(g, "cost_per_1m_tok_effective", c.effectiveCostPerMillionTokensUsd());
        number(g, "tokens_served_month", c.tokensServedPerMonth());
        g.writeObjectFieldStart("provenance");
        g.writeStringField("vram", c.provenance().vram().id());
        g.writeStringField("throughput", c.provenance().throughput().id());
        g.writeStringField("quality", c.provenance().quality().id());
        g.writeStringField("safety", c.provenance().safety().id());
        g.writeEndObject();
        g.writeNumberField("max_concurrent_seqs", c.maxConcurrentSeqs());
        number(g, "ttft_ms", c.ttftMs());
        number(g, "tpot_ms", c.tpotMs());
        g.writeNumberField("effective_batch", c.batchPerGpu());
        number(g, "tdp_watts", c.tdpWatts());
        number(g, "energy_cost_month", c.energyCostPerMonthUsd());
        number(g, "energy_cost_per_1m_tok", c.energyCostPerMillionTokensUsd());
        number(g, "perf_per_watt", c.tokensPerSecondPerWatt());
        g.writeNumberField("tensor_parallel", c.tensorParallel());
        g.writeNumberField("pipeline_parallel", c.pipelineParallel());
        g.writeNumberField("gpus_total", c.gpusTotal());
        number(g, "offload_fraction", c.offloadFraction());
        number(g, "host_bandwidth_gbps", c.hostBandwidthGbps());
        g.writeNumberField("lora_adapters", c.loraAdapters());
        g.writeNumberField("lora_rank", c.loraRank());
        number(g, "lora_gb", c.loraGb());
        number(g, "ttft_slo_ms", c.ttftSloMs());
        number(g, "tpot_slo_ms", c.tpotSloMs());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double value) throws IOException {
        g.writeFieldName(name);
        Json.writePyNumber(g, value);
    }
}

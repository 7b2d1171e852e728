package io.chimeraforge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.planner.Planner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The tool logic: spec planner-extensions §10.3 items 1–5 and 7, corrections g7–g9. */
class PlannerToolsTest {

    // v0.30.0's physics, so the reference's recorded figures (spec §10.3) can be checked
    private final PlannerTools tools = new PlannerTools(Planner.builder().compat(Compat.REFERENCE).measuredCorpus(false)
            .build(), Optional.empty(), Clock.fixed(Instant.parse("2026-08-21T10:00:00Z"), ZoneOffset.UTC));

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Set<String> keys(JsonNode n) {
        Set<String> k = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            k.add(it.next());
        }
        return k;
    }

    @Test
    void listsTheGpuTable() {
        ObjectNode out = tools.listHardware();
        assertThat(out.get("ok").asBoolean()).isTrue();
        assertThat(out.get("count").asInt()).isEqualTo(22);
        assertThat(out.get("gpus")).allMatch(g -> g.has("vram_gb") && g.has("interconnect_gbps"));
    }

    @Test
    void plansTheSpecsExample() {
        ObjectNode out = tools.plan(args("hardware", "RTX 4090 24GB", "model_size", "8b", "request_rate", 2,
                "budget_usd_month", 5000));
        assertThat(out.get("ok").asBoolean()).isTrue();
        assertThat(keys(out)).containsExactlyInAnyOrder("ok", "hardware", "recommended", "launch", "alternatives",
                "total_evaluated", "why_nothing_fit", "hint", "note");
        JsonNode r = out.get("recommended");
        assertThat(r.get("model").asText()).isEqualTo("llama3.1-8b");
        assertThat(r.get("quant").asText()).isEqualTo("FP16");
        assertThat(r.get("backend").asText()).isEqualTo("vllm");
        assertThat(r.get("replicas").asInt()).isEqualTo(1);
        assertThat(r.get("vram_gb_per_gpu").asDouble()).isEqualTo(17.82);
        assertThat(r.get("total_throughput_tps").asDouble()).isEqualTo(372.8);
        assertThat(r.get("p95_latency_ms").asDouble()).isEqualTo(3172.9);
        assertThat(r.get("monthly_cost_usd").asDouble()).isEqualTo(43.2);
        assertThat(r.get("cost_per_1m_tok_usd").asDouble()).isEqualTo(0.0447);
        assertThat(keys(r.get("provenance"))).contains("vram", "throughput", "quality");
        assertThat(out.at("/launch/backend").asText()).isEqualTo("vllm");
        assertThat(keys(out.get("launch"))).containsExactlyInAnyOrder("backend", "command", "env", "notes");
        assertThat(out.get("why_nothing_fit")).isEmpty();
    }

    @Test
    void refusalsCarryAHint() {
        ObjectNode gpu = tools.plan(args("hardware", "RTX 9999"));
        assertThat(gpu.get("ok").asBoolean()).isFalse();
        assertThat(gpu.get("error").asText()).contains("unknown GPU");
        assertThat(gpu.get("hint").asText()).contains("chimeraforge_list_hardware");
        ObjectNode model = tools.plan(args("hardware", "RTX 4090 24GB", "model", "totally/nonexistent-xyz-9000",
                "allow_network", false));
        assertThat(model.get("ok").asBoolean()).isFalse();
        assertThat(model.get("hint").asText()).contains("allow_network");
        ObjectNode workload = tools.plan(args("hardware", "RTX 4090 24GB", "workload", "whatever"));
        assertThat(workload.get("error").asText()).contains("whatever");
        assertThat(workload.get("hint").asText()).contains("steady");
        ObjectNode none = tools.plan(args("hardware", "RTX 4090 24GB", "model_size", "8b", "budget_usd_month", 0.0001));
        assertThat(none.get("ok").asBoolean()).isTrue();
        assertThat(none.get("recommended").isNull()).isTrue();
        assertThat(none.get("total_evaluated").asInt()).isZero();
        assertThat(none.get("why_nothing_fit").get(0).asText())
                .isEqualTo("llama3.1-8b: blocked at budget gate - ollama: $86/mo (N=2) > $0");
    }

    @Test
    void validatesInUpstreamsOrderAndWords() {
        String[][] cases = {
            {"request_rate", "-1", "request_rate must be positive"},
            {"prompt_tokens", "0", "prompt_tokens must be positive"},
            {"prefix_cache_hit_rate", "2", "prefix_cache_hit_rate must be between 0.0 and 1.0"},
            {"duty_cycle", "0", "duty_cycle must be greater than 0.0 and at most 1.0"},
            {"tpot_slo_ms", "-1", "tpot_slo must be positive"},
            {"latency_slo_ms", "0", "latency_slo must be positive"},
        };
        for (String[] c : cases) {
            ObjectNode out = tools.plan(args("hardware", "RTX 4090 24GB", c[0], Double.parseDouble(c[1])));
            assertThat(out.get("ok").asBoolean()).isFalse();
            assertThat(out.get("error").asText()).isEqualTo(c[2]);
            assertThat(out.has("hint")).isFalse();
        }
        assertThat(tools.plan(args("hardware", "RTX 4090 24GB", "kv_quant", "q3")).get("error").asText())
                .isEqualTo("kv_quant must be one of: fp16, q8, q4");
        assertThat(tools.plan(args("hardware", "RTX 4090 24GB", "kv_quant", "Q8")).get("ok").asBoolean()).isTrue();
    }

    @Test
    void summariesCarryTheEffectiveCostAndDutyCycle() {
        JsonNode r = tools.plan(args("hardware", "RTX 4090 24GB", "model_size", "8b", "request_rate", 2,
                "budget_usd_month", 5000, "duty_cycle", 0.3)).get("recommended");
        assertThat(r.get("duty_cycle").asDouble()).isEqualTo(0.3);
        assertThat(r.get("cost_per_1m_tok_effective_usd").asDouble())
                .isGreaterThan(r.get("cost_per_1m_tok_usd").asDouble());
    }

    @Test
    void presetsAndPriceMultiplierReachThePlan() {
        double steady = tools.plan(args("hardware", "RTX 4090 24GB", "model_size", "8b", "workload", "steady"))
                .at("/recommended/p95_latency_ms").asDouble();
        double agent = tools.plan(args("hardware", "RTX 4090 24GB", "model_size", "8b", "workload", "agent",
                "latency_slo_ms", 1e6)).at("/recommended/p95_latency_ms").asDouble();
        assertThat(agent).isGreaterThan(steady);
        double once = tools.plan(args("hardware", "H100 80GB", "model_size", "8b"))
                .at("/recommended/monthly_cost_usd").asDouble();
        double twice = tools.plan(args("hardware", "H100 80GB", "model_size", "8b", "gpu_price_multiplier", 2))
                .at("/recommended/monthly_cost_usd").asDouble();
        assertThat(twice).isEqualTo(2 * once);
    }

    @Test
    void resolvesModelsOffline() {
        ObjectNode ok = tools.resolveModel(args("model", "llama3.1-8b", "allow_network", false));
        assertThat(ok.get("ok").asBoolean()).isTrue();
        assertThat(ok.get("params_b").asDouble()).isEqualTo(8.03);
        assertThat(ok.get("n_layers").asInt()).isEqualTo(32);
        assertThat(tools.resolveModel(args("model", "totally/nonexistent-xyz-9000", "allow_network", false))
                .get("ok").asBoolean()).isFalse();
    }

    @Test
    void comparesWithHostedApis() {
        ObjectNode five = tools.compareApi(args("hardware", "RTX 4090 24GB", "request_rate", 5));
        assertThat(five.get("comparable").asBoolean()).isTrue();
        assertThat(five.at("/self_host/monthly_cost_usd").asDouble()).isEqualTo(43.2);
        assertThat(five.get("api_options_cheaper_than_self_host").asInt()).isZero();
        assertThat(five.at("/api_comparison/requests_per_month").asLong()).isEqualTo(12_960_000);
        assertThat(five.get("note").asText()).contains("days old");
        ObjectNode low = tools.compareApi(args("hardware", "RTX 4090 24GB", "request_rate", 0.01));
        assertThat(low.get("api_options_cheaper_than_self_host").asInt()).isEqualTo(9);
        ObjectNode half = tools.compareApi(args("hardware", "RTX 4090 24GB", "request_rate", 5, "duty_cycle", 0.5));
        assertThat(half.at("/api_comparison/requests_per_month").asLong()).isEqualTo(6_480_000);
        ObjectNode reasoning = tools.compareApi(args("hardware", "RTX 4090 24GB", "reasoning_tokens", 512));
        assertThat(reasoning.at("/api_comparison/output_tokens").asInt()).isEqualTo(640);
        ObjectNode t4 = tools.compareApi(args("hardware", "T4 16GB", "request_rate", 1e6));
        assertThat(t4.get("comparable").asBoolean()).isFalse();
        assertThat(tools.compareApi(args("hardware", "RTX 9999")).get("ok").asBoolean()).isFalse();
    }
}

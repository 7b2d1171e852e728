package io.chimeraforge.mcp.internal;

/** The tools' input schemas (planner-extensions §10.2): JSON Schema objects, required fields listed. */
public final class ToolSchemas {

    private ToolSchemas() {
    }

    private static String num(String name, String dflt) {
        return "\"" + name + "\": {\"type\": \"number\", \"default\": " + dflt + "}";
    }

    private static String numOrNull(String name) {
        return "\"" + name + "\": {\"anyOf\": [{\"type\": \"number\"}, {\"type\": \"null\"}], \"default\": null}";
    }

    private static String integer(String name, String dflt) {
        return "\"" + name + "\": {\"type\": \"integer\", \"default\": " + dflt + "}";
    }

    private static String str(String name, String dflt) {
        return "\"" + name + "\": {\"type\": \"string\", \"default\": \"" + dflt + "\"}";
    }

    private static String strOrNull(String name) {
        return "\"" + name + "\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"null\"}], \"default\": null}";
    }

    private static String bool(String name, boolean dflt) {
        return "\"" + name + "\": {\"type\": \"boolean\", \"default\": " + dflt + "}";
    }

    private static String object(String required, String... properties) {
        return "{\"type\": \"object\", \"properties\": {" + String.join(", ", properties) + "}, \"required\": ["
                + (required.isEmpty() ? "" : "\"" + required + "\"") + "]}";
    }

    /** {@code chimeraforge_plan}. */
    public static final String PLAN = object("hardware",
            "\"hardware\": {\"type\": \"string\"}", strOrNull("model"), str("model_size", "3b"),
            num("request_rate", "1.0"), num("latency_slo_ms", "5000.0"), num("quality_target", "0.5"),
            num("budget_usd_month", "100000.0"), integer("avg_output_tokens", "128"), integer("reasoning_tokens", "0"),
            num("prefix_cache_hit_rate", "0.0"), num("duty_cycle", "1.0"), numOrNull("ttft_slo_ms"),
            numOrNull("tpot_slo_ms"), integer("prompt_tokens", "512"), integer("context_length", "2048"),
            str("kv_quant", "fp16"),
            "\"tensor_parallel\": {\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"null\"}], \"default\": 1}",
            "\"pipeline_parallel\": {\"anyOf\": [{\"type\": \"integer\"}, {\"type\": \"null\"}], \"default\": 1}",
            str("workload", "steady"), numOrNull("safety_target"), num("gpu_price_multiplier", "1.0"),
            bool("allow_offload", false), numOrNull("host_bandwidth_gbps"), integer("lora_adapters", "0"),
            integer("lora_rank", "16"), str("lora_target", "qv"), bool("allow_network", true));

    /** {@code chimeraforge_resolve_model}. */
    public static final String RESOLVE_MODEL = object("model", "\"model\": {\"type\": \"string\"}",
            bool("allow_network", true));

    /** {@code chimeraforge_list_hardware}. */
    public static final String LIST_HARDWARE = object("");

    /** {@code chimeraforge_compare_api}. */
    public static final String COMPARE_API = object("hardware",
            "\"hardware\": {\"type\": \"string\"}", strOrNull("model"), str("model_size", "8b"),
            num("request_rate", "1.0"), integer("avg_output_tokens", "128"), integer("reasoning_tokens", "0"),
            integer("prompt_tokens", "512"), num("duty_cycle", "1.0"), integer("context_length", "2048"),
            num("quality_target", "0.5"), num("latency_slo_ms", "5000.0"), bool("allow_network", true));

    /** {@code chimeraforge_suggest}. */
    public static final String SUGGEST = object("hardware",
            "\"hardware\": {\"type\": \"string\"}", str("source", "catalog"), num("request_rate", "1.0"),
            num("latency_slo_ms", "5000.0"), num("quality_target", "0.5"), num("budget_usd_month", "100000.0"),
            integer("avg_output_tokens", "128"), integer("context_length", "2048"), strOrNull("ollama_url"),
            integer("hf_limit", "8"), integer("limit", "10"));
}

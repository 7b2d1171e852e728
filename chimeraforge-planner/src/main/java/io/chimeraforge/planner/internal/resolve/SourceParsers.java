package io.chimeraforge.planner.internal.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.model.ModelIdentity;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model facts from a Hugging Face {@code config.json} (planner-extensions §1.6) and from Ollama's
 * {@code /api/show} (§1.7): layers, KV heads, head size, parameters, and MoE, MLA and sliding-window
 * geometry where the config states it.
 */
public final class SourceParsers {

    private static final Pattern PARAM_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bm])", Pattern.CASE_INSENSITIVE);

    /** A source's answer lacked what a spec needs; the message names the fields. */
    public static final class MissingFields extends Exception {
        private static final long serialVersionUID = 1L;

        MissingFields(String message) {
            super(message);
        }
    }

    private SourceParsers() {
    }

    /**
     * A spec from a Hugging Face config and the repository's safetensors parameter total.
     *
     * @throws MissingFields when layers, heads, hidden size or the parameter total are missing
     */
    public static ModelSpec fromHfConfig(String repo, JsonNode cfg, OptionalDouble totalParams,
            ModelRegistry registry) throws MissingFields {
        OptionalInt layers = positiveInt(cfg, "num_hidden_layers");
        OptionalInt heads = positiveInt(cfg, "num_attention_heads");
        OptionalInt hidden = positiveInt(cfg, "hidden_size");
        List<String> missing = new ArrayList<>();
        if (layers.isEmpty()) {
            missing.add("num_hidden_layers");
        }
        if (heads.isEmpty()) {
            missing.add("num_attention_heads");
        }
        if (hidden.isEmpty()) {
            missing.add("hidden_size");
        }
        if (totalParams.isEmpty()) {
            missing.add("params (safetensors.total)");
        }
        if (!missing.isEmpty()) {
            throw new MissingFields("HF config for '" + repo + "' missing required fields: " + String.join(", ", missing)
                    + ". Give the model's facts by hand (parameters, layers, KV heads, head size).");
        }
        int kvHeads = positiveInt(cfg, "num_key_value_heads").orElse(heads.getAsInt()); // absent: MHA
        int dHead = positiveInt(cfg, "head_dim").orElse(Math.floorDiv(hidden.getAsInt(), heads.getAsInt()));
        ModelSpec.Builder b = ModelSpec.builder(repo)
                .paramsB(round4(totalParams.getAsDouble() / 1e9))
                .architecture(layers.getAsInt(), kvHeads, dHead)
                .hiddenSize(hidden.getAsInt())
                .vocabSize(positiveInt(cfg, "vocab_size").orElse(0))
                .nativeQuant(ModelIdentity.parseQuant(repo).orElse(null))
                .family(ModelIdentity.parseFamily(repo, registry)
                        .orElse(cfg.path("model_type").isTextual() ? cfg.get("model_type").asText() : null))
                .variant(ModelIdentity.parseVariant(repo).orElse(null))
                .source(ModelSource.HF);
        OptionalInt experts = first(cfg, "num_local_experts", "n_routed_experts", "num_experts");
        OptionalInt topK = first(cfg, "num_experts_per_tok", "moe_topk", "num_experts_per_token");
        if (experts.isPresent() && topK.isPresent()) {
            b.numExperts(experts.getAsInt()).expertsPerToken(topK.getAsInt())
                    .moeIntermediateSize(first(cfg, "moe_intermediate_size", "expert_intermediate_size",
                            "intermediate_size").orElse(0))
                    .nDenseLayers(positiveInt(cfg, "first_k_dense_replace").orElse(0));
        }
        OptionalInt loraRank = positiveInt(cfg, "kv_lora_rank");
        OptionalInt rope = positiveInt(cfg, "qk_rope_head_dim");
        if (loraRank.isPresent() && rope.isPresent()) {
            b.kvLoraRank(loraRank.getAsInt()).qkRopeHeadDim(rope.getAsInt());
        }
        OptionalInt window = positiveInt(cfg, "sliding_window");
        if (window.isPresent()) {
            b.slidingWindow(window.getAsInt()).swaGlobalEvery(globalEvery(cfg));
        }
        return b.build();
    }

    /** One full-attention layer every N: the stated pattern, else counted from {@code layer_types}, else 0. */
    private static int globalEvery(JsonNode cfg) {
        OptionalInt stated = first(cfg, "sliding_window_pattern", "global_attn_every_n_layers");
        if (stated.isPresent()) {
            return stated.getAsInt();
        }
        JsonNode types = cfg.get("layer_types");
        if (types != null && types.isArray() && types.size() > 0) {
            int full = 0;
            for (JsonNode t : types) {
                if (t.isTextual() && t.asText().contains("full")) {
                    full++;
                }
            }
            if (full >= 1) {
                // Python's round(): half to even (5 layers, 2 full: 2.5 -> 2)
                long every = new BigDecimal(types.size()).divide(new BigDecimal(full), 20, RoundingMode.HALF_EVEN)
                        .setScale(0, RoundingMode.HALF_EVEN).longValue();
                return (int) Math.max(every, 1);
            }
        }
        return 0;
    }

    /**
     * A spec from an Ollama {@code /api/show} answer for {@code tag}.
     *
     * @throws MissingFields when parameters, layers, KV heads or head size cannot be derived
     */
    public static ModelSpec fromOllamaShow(String tag, JsonNode show, ModelRegistry registry) throws MissingFields {
        JsonNode details = show.path("details");
        JsonNode info = show.path("model_info");
        String arch = info.path("general.architecture").isTextual() ? info.get("general.architecture").asText()
                : details.path("family").isTextual() ? details.get("family").asText() : "";
        int layers = number(info, arch + ".block_count");
        int heads = number(info, arch + ".attention.head_count");
        int kvHeads = number(info, arch + ".attention.head_count_kv");
        int embedding = number(info, arch + ".embedding_length");
        int keyLength = number(info, arch + ".attention.key_length");
        int nKv = kvHeads != 0 ? kvHeads : heads;
        int dHead = keyLength != 0 ? keyLength : heads != 0 ? Math.floorDiv(embedding, heads) : 0;
        OptionalDouble params = parseParamSize(details.path("parameter_size").isTextual()
                ? details.get("parameter_size").asText() : null);
        if (params.isEmpty() && info.path("general.parameter_count").isNumber()) {
            params = OptionalDouble.of(info.get("general.parameter_count").asDouble() / 1e9);
        }
        List<String> missing = new ArrayList<>();
        if (params.isEmpty() || params.getAsDouble() == 0) {
            missing.add("params_b");
        }
        if (layers == 0) {
            missing.add("n_layers");
        }
        if (nKv == 0) {
            missing.add("n_kv_heads");
        }
        if (dHead == 0) {
            missing.add("d_head");
        }
        if (!missing.isEmpty()) {
            throw new MissingFields("Ollama /api/show for '" + tag + "' missing required fields: "
                    + String.join(", ", missing) + " (architecture key '" + arch + "'). Give the model's facts by hand.");
        }
        String level = details.path("quantization_level").isTextual() ? details.get("quantization_level").asText() : null;
        return ModelSpec.builder(tag)
                .paramsB(round4(params.getAsDouble()))
                .architecture(layers, nKv, dHead)
                .hiddenSize(embedding)
                .nativeQuant(ModelIdentity.parseQuant(tag).orElse(level))
                .family(ModelIdentity.parseFamily(tag, registry).orElse(arch.isEmpty() ? null : arch))
                .variant(ModelIdentity.parseVariant(tag).orElse(null))
                .source(ModelSource.OLLAMA)
                .build();
    }

    /** {@code "3.2B"} → 3.2, {@code "494.03M"} → 0.49403; empty for anything else. */
    public static OptionalDouble parseParamSize(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        Matcher m = PARAM_SIZE.matcher(text);
        if (!m.find()) {
            return OptionalDouble.empty();
        }
        double v = Double.parseDouble(m.group(1));
        return OptionalDouble.of(m.group(2).equalsIgnoreCase("m") ? v / 1000 : v);
    }

    /** A JSON number (int or float, truncated), else 0 (arrays and strings count as absent). */
    private static int number(JsonNode info, String key) {
        JsonNode v = info.get(key);
        return v != null && v.isNumber() ? (int) v.asDouble() : 0;
    }

    private static OptionalInt positiveInt(JsonNode cfg, String key) {
        JsonNode v = cfg.get(key);
        if (v != null && (v.isIntegralNumber() || v.isBoolean())) { // Python: isinstance(True, int)
            long x = v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asLong();
            if (x > 0 && x <= Integer.MAX_VALUE) {
                return OptionalInt.of((int) x);
            }
        }
        return OptionalInt.empty();
    }

    private static OptionalInt first(JsonNode cfg, String... keys) {
        for (String k : keys) {
            OptionalInt v = positiveInt(cfg, k);
            if (v.isPresent()) {
                return v;
            }
        }
        return OptionalInt.empty();
    }

    private static double round4(double x) {
        return PyNumbers.round(x, 4);
    }
}

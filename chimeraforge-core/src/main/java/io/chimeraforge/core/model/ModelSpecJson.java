package io.chimeraforge.core.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@link ModelSpec} as the reference's {@code to_dict} JSON: the same keys in the same order
 * ({@code name}, {@code params_b}, {@code n_layers}, …, {@code swa_global_every}), so spec-cache
 * files and tool answers move between the tools.
 */
public final class ModelSpecJson {

    private ModelSpecJson() {
    }

    /** The spec as two-space-indented JSON, with {@code extra} (e.g. the cache stamp) as a last key when given. */
    public static String write(ModelSpec s, Optional<String[]> extra) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.pythonStyleGenerator(out)) {
            g.writeStartObject();
            writeFields(g, s);
            if (extra.isPresent()) {
                g.writeStringField(extra.get()[0], extra.get()[1]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the spec's fields (no braces) into an object being generated. */
    public static void writeFields(JsonGenerator g, ModelSpec s) throws IOException {
        g.writeStringField("name", s.name());
        Json.writePyNumberField(g, "params_b", s.paramsB());
        g.writeNumberField("n_layers", s.nLayers());
        g.writeNumberField("n_kv_heads", s.nKvHeads());
        g.writeNumberField("d_head", s.dHead());
        optInt(g, "hidden_size", s.hiddenSize());
        optInt(g, "vocab_size", s.vocabSize());
        optText(g, "native_quant", s.nativeQuant());
        optText(g, "family", s.family());
        optText(g, "variant", s.variant());
        g.writeStringField("source", s.source().id());
        optText(g, "registry_alias", s.registryAlias());
        optInt(g, "num_experts", s.numExperts());
        optInt(g, "experts_per_token", s.expertsPerToken());
        optInt(g, "moe_intermediate_size", s.moeIntermediateSize());
        g.writeNumberField("n_dense_layers", s.nDenseLayers());
        optInt(g, "kv_lora_rank", s.kvLoraRank());
        optInt(g, "qk_rope_head_dim", s.qkRopeHeadDim());
        optInt(g, "sliding_window", s.slidingWindow());
        g.writeNumberField("swa_global_every", s.swaGlobalEvery());
    }

    /**
     * The spec a {@code to_dict} object describes; unknown keys are ignored, missing optional keys
     * take their defaults.
     *
     * @throws IllegalArgumentException when a required key is missing or a value is invalid
     */
    public static ModelSpec read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a model spec must be a JSON object");
        }
        for (String required : new String[] {"name", "params_b", "n_layers", "n_kv_heads", "d_head"}) {
            if (!n.hasNonNull(required)) {
                throw new IllegalArgumentException("missing required field " + required);
            }
        }
        ModelSpec.Builder b = ModelSpec.builder(n.get("name").asText())
                .paramsB(n.get("params_b").asDouble())
                .architecture(n.get("n_layers").asInt(), n.get("n_kv_heads").asInt(), n.get("d_head").asInt())
                .hiddenSize(intOr0(n, "hidden_size"))
                .vocabSize(intOr0(n, "vocab_size"))
                .nativeQuant(textOrNull(n, "native_quant"))
                .family(textOrNull(n, "family"))
                .variant(textOrNull(n, "variant"))
                .source(ModelSource.fromId(n.path("source").asText("manual")))
                .registryAlias(textOrNull(n, "registry_alias"))
                .numExperts(intOr0(n, "num_experts"))
                .expertsPerToken(intOr0(n, "experts_per_token"))
                .moeIntermediateSize(intOr0(n, "moe_intermediate_size"))
                .nDenseLayers(intOr0(n, "n_dense_layers"))
                .kvLoraRank(intOr0(n, "kv_lora_rank"))
                .qkRopeHeadDim(intOr0(n, "qk_rope_head_dim"))
                .slidingWindow(intOr0(n, "sliding_window"))
                .swaGlobalEvery(intOr0(n, "swa_global_every"));
        return b.build();
    }

    private static int intOr0(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? 0 : v.asInt();
    }

    private static String textOrNull(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void optInt(JsonGenerator g, String name, OptionalInt v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsInt());
        } else {
            g.writeNullField(name);
        }
    }

    private static void optText(JsonGenerator g, String name, Optional<String> v) throws IOException {
        if (v.isPresent()) {
            g.writeStringField(name, v.get());
        } else {
            g.writeNullField(name);
        }
    }
}

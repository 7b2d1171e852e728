package io.chimeraforge.bench.internal.client;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one generation request asks for.
 *
 * @param model           model name/tag
 * @param prompt          prompt text
 * @param chat            use the chat endpoint
 * @param maxTokens       output limit
 * @param ignoreEos       ask the server to ignore EOS (vLLM)
 * @param temperature     sampling temperature
 * @param seed            sampling seed
 * @param contextLength   Ollama {@code num_ctx}
 * @param options         extra backend options (Ollama: {@code options.*}; OpenAI: top-level; TGI: {@code parameters.*})
 * @param continuousUsage request per-chunk usage (vLLM {@code continuous_usage_stats})
 */
public record GenerationParams(String model, String prompt, boolean chat, OptionalInt maxTokens, boolean ignoreEos,
        OptionalDouble temperature, OptionalLong seed, OptionalInt contextLength, Map<String, Object> options,
        boolean continuousUsage) {

    /** Copies options. */
    public GenerationParams {
        options = Map.copyOf(options);
    }
}

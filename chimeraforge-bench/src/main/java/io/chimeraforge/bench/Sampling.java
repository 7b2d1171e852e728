package io.chimeraforge.bench;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Sampling settings of one generation sent through {@link BackendClient}. An empty value leaves
 * the choice to the backend's request defaults: the server's own for Ollama, and the reference's
 * {@code max_tokens}/{@code max_new_tokens} 256 and temperature 0.7 for OpenAI-compatible servers
 * and TGI (spec §1.3, §1.4).
 *
 * @param maxTokens   output token limit, 1..1,000,000
 * @param temperature sampling temperature, 0..10
 * @param seed        sampling seed sent to the server
 */
public record Sampling(OptionalInt maxTokens, OptionalDouble temperature, OptionalLong seed) {

    private static final Sampling DEFAULTS = new Sampling(OptionalInt.empty(), OptionalDouble.empty(), OptionalLong.empty());

    /** Validates ranges; messages name the parameter, value and range. */
    public Sampling {
        if (maxTokens == null || temperature == null || seed == null) {
            throw new IllegalArgumentException("use empty optionals, not null");
        }
        if (maxTokens.isPresent() && (maxTokens.getAsInt() < 1 || maxTokens.getAsInt() > 1_000_000)) {
            throw new IllegalArgumentException("maxTokens must be in [1, 1000000], got " + maxTokens.getAsInt());
        }
        if (temperature.isPresent() && !(temperature.getAsDouble() >= 0 && temperature.getAsDouble() <= 10)) {
            throw new IllegalArgumentException("temperature must be in [0, 10], got " + temperature.getAsDouble());
        }
    }

    /** Every setting left to the backend. */
    public static Sampling serverDefaults() {
        return DEFAULTS;
    }
}

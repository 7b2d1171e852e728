package io.chimeraforge.eval.safety;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Sampling settings passed to a {@link TextGenerator}. Empty values mean the server's defaults,
 * which is what the reference uses (and why its refusal rates are noisy run to run).
 *
 * @param seed        sampling seed
 * @param temperature sampling temperature, {@code >= 0}
 * @param maxTokens   output token limit, {@code >= 1}
 */
public record GenerationOptions(OptionalLong seed, OptionalDouble temperature, OptionalInt maxTokens) {

    /** Server defaults for everything. */
    public static final GenerationOptions SERVER_DEFAULTS =
            new GenerationOptions(OptionalLong.empty(), OptionalDouble.empty(), OptionalInt.empty());

    /** Validates ranges. */
    public GenerationOptions {
        if (seed == null || temperature == null || maxTokens == null) {
            throw new IllegalArgumentException("use empty optionals, not null");
        }
        if (temperature.isPresent() && !(temperature.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature.getAsDouble());
        }
        if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens.getAsInt());
        }
    }
}

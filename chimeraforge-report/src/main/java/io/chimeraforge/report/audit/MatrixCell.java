package io.chimeraforge.report.audit;

import java.util.Objects;

/**
 * One pre-registered configuration of a validation matrix.
 *
 * @param model         model identifier as the planner resolves it
 * @param quant         quantization label, e.g. {@code Q4_K_M}
 * @param backend       serving backend id, e.g. {@code ollama}
 * @param contextLength context window in tokens (default 2048)
 * @param promptTokens  prompt length in tokens (default 512)
 * @param avgTokens     decode length in tokens (default 128)
 * @param batch         batch size; part of the key only (the prediction does not use it)
 */
public record MatrixCell(String model, String quant, String backend, int contextLength, int promptTokens,
        int avgTokens, int batch) {

    /** Validates that the identity fields are present. */
    public MatrixCell {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(backend, "backend");
    }

    /** The cell key: {@code "<model>|<quant>|<backend>|c<ctx>|p<prompt>|o<avg>|b<batch>"}. */
    public String key() {
        return model + "|" + quant + "|" + backend + "|c" + contextLength + "|p" + promptTokens + "|o" + avgTokens
                + "|b" + batch;
    }
}

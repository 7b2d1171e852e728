package io.chimeraforge.eval.safety;

import java.io.IOException;

/**
 * A model behind a serving backend that turns a prompt into a complete response. The bench
 * module's backend clients implement this; tests use fakes.
 *
 * <p>Error contract used by {@link SafetyScreen}: {@link UnsupportedOperationException} means the
 * backend cannot generate text at all and stops the screen immediately; an {@link IOException}
 * or any other runtime exception fails only that prompt (counted and reported as a warning).
 */
public interface TextGenerator {

    /** Backend name for results, e.g. {@code ollama}. */
    String backendName();

    /** Is the server reachable? Default: assumed so. */
    default HealthCheck checkHealth() {
        return HealthCheck.passed();
    }

    /** Is {@code model} available on the server? Default: assumed so. */
    default HealthCheck checkModel(String model) {
        return HealthCheck.passed();
    }

    /**
     * Generates a complete, non-streamed response.
     *
     * @throws IOException                   the request failed (this prompt is skipped)
     * @throws InterruptedException          the calling thread was interrupted (the screen stops)
     * @throws UnsupportedOperationException the backend cannot generate text (the screen stops)
     */
    String generate(String model, String prompt, GenerationOptions options) throws IOException, InterruptedException;
}

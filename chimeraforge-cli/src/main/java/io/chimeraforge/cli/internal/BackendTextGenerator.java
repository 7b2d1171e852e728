package io.chimeraforge.cli.internal;

import io.chimeraforge.bench.BackendClient;
import io.chimeraforge.bench.RequestError;
import io.chimeraforge.bench.Sampling;
import io.chimeraforge.eval.safety.GenerationOptions;
import io.chimeraforge.eval.safety.HealthCheck;
import io.chimeraforge.eval.safety.TextGenerator;
import java.io.IOException;

/**
 * The eval module's {@link TextGenerator} over the bench module's streaming clients, for every
 * backend (the reference generates text on Ollama only). Composed here because bench and eval do
 * not depend on each other. A failed request becomes an {@link IOException} carrying the bench
 * error text, which the safety screen counts against that prompt only.
 */
public final class BackendTextGenerator implements TextGenerator {

    private final BackendClient client;

    /** A generator sending through {@code client} (not closed by this adapter). */
    public BackendTextGenerator(BackendClient client) {
        this.client = client;
    }

    @Override
    public String backendName() {
        return client.backend().id();
    }

    @Override
    public HealthCheck checkHealth() {
        return map(client.health(), backendName() + " health check failed");
    }

    @Override
    public HealthCheck checkModel(String model) {
        return map(client.checkModel(model), "model check failed for " + model);
    }

    private static HealthCheck map(BackendClient.Check check, String fallback) {
        if (check.ok()) {
            return HealthCheck.passed();
        }
        return HealthCheck.failed(check.message().isBlank() ? fallback : check.message());
    }

    @Override
    public String generate(String model, String prompt, GenerationOptions options)
            throws IOException, InterruptedException {
        BackendClient.Completion completion = client.generate(model, prompt,
                new Sampling(options.maxTokens(), options.temperature(), options.seed()));
        if (!completion.succeeded()) {
            throw new IOException(completion.error().map(RequestError::message).orElse("request failed"));
        }
        return completion.text();
    }
}

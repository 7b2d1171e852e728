package io.chimeraforge.bench.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.bench.internal.stream.StreamEvent;
import io.chimeraforge.bench.internal.stream.StreamParser;
import java.net.URI;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.WireRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** OpenAI-compatible servers (vLLM, llama.cpp, SGLang): completions or chat, SSE answer with usage. */
final class OpenAiProtocol extends BackendProtocol {

    /** The reference sends these when the user gives none (spec §1.3); kept for comparability. */
    static final int DEFAULT_MAX_TOKENS = 256;
    static final double DEFAULT_TEMPERATURE = 0.7;

    @Override
    public String name() {
        return "vllm";
    }

    @Override
    protected String display() {
        return "vLLM";
    }

    @Override
    public boolean supportsIgnoreEos() {
        return true;
    }

    @Override
    public WireRequest request(URI base, GenerationParams p) {
        ObjectNode body = promptBody(p);
        body.put("max_tokens", p.maxTokens().orElse(DEFAULT_MAX_TOKENS));
        body.put("temperature", p.temperature().orElse(DEFAULT_TEMPERATURE));
        p.seed().ifPresent(v -> body.put("seed", v));
        if (p.ignoreEos()) {
            body.put("ignore_eos", true);
        }
        body.put("stream", true);
        ObjectNode streamOptions = body.putObject("stream_options");
        streamOptions.put("include_usage", true);
        if (p.continuousUsage()) {
            streamOptions.put("continuous_usage_stats", true);
        }
        putAll(body, p.options());
        return post(base, p.chat() ? "/v1/chat/completions" : "/v1/completions", body,
                "text/event-stream");
    }

    @Override
    public StreamParser parser(Consumer<StreamEvent> sink) {
        return sse(sink);
    }

    @Override
    public EventDecoder decoder() {
        return Decoders.openAi();
    }

    @Override
    public Preflight health(HttpTransport client, URI base) {
        return guarded(base, "health check", () -> {
            if (call(client, get(base, "/health", HEALTH_TIMEOUT)).status() == 200) {
                return new Preflight(true, "vLLM is running");
            }
            Answer models = call(client, get(base, "/v1/models", HEALTH_TIMEOUT));
            return models.status() == 200 ? new Preflight(true, "vLLM is running")
                    : new Preflight(false, "vLLM returned status " + models.status());
        });
    }

    @Override
    public Preflight checkModel(HttpTransport client, URI base, String model) {
        return guarded(base, "model check", () -> {
            Answer a = call(client, get(base, "/v1/models", MODEL_TIMEOUT));
            if (a.status() != 200) {
                return new Preflight(false, "Cannot list models (status " + a.status() + ")");
            }
            List<String> ids = json(a.body()).map(BackendProtocol::ids).orElse(List.of());
            if (ids.contains(model)) {
                return new Preflight(true, "");
            }
            return new Preflight(false, "Model '" + model + "' not found. Available: "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)));
        });
    }

    @Override
    public Optional<String> version(HttpTransport client, URI base) {
        return quietly(Optional.empty(), () -> {
            Answer a = call(client, get(base, "/version", HEALTH_TIMEOUT));
            if (a.status() != 200) {
                return Optional.empty();
            }
            return json(a.body()).map(n -> n.path("version").isTextual() ? n.get("version").asText() : n.toString());
        });
    }

    @Override
    public List<String> listModels(HttpTransport client, URI base) {
        return quietly(List.of(), () -> {
            Answer a = call(client, get(base, "/v1/models", MODEL_TIMEOUT));
            return a.status() == 200 ? json(a.body()).map(BackendProtocol::ids).orElse(List.of()) : List.of();
        });
    }
}

package io.chimeraforge.bench.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.bench.internal.stream.StreamEvent;
import io.chimeraforge.bench.internal.stream.StreamParser;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.net.URI;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.WireRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Ollama: {@code POST /api/generate} (or {@code /api/chat}) with {@code stream: true}, NDJSON answer. */
final class OllamaProtocol extends BackendProtocol {

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    protected String display() {
        return "Ollama";
    }

    @Override
    public boolean appliesContextLength() {
        return true;
    }

    @Override
    public WireRequest request(URI base, GenerationParams p) {
        ObjectNode body = promptBody(p);
        body.put("stream", true);
        ObjectNode options = Json.mapper().createObjectNode();
        p.contextLength().ifPresent(v -> options.put("num_ctx", v));
        p.maxTokens().ifPresent(v -> options.put("num_predict", v));
        p.temperature().ifPresent(v -> options.put("temperature", v));
        p.seed().ifPresent(v -> options.put("seed", v));
        putAll(options, p.options());
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        return post(base, p.chat() ? "/api/chat" : "/api/generate", body, "application/x-ndjson");
    }

    @Override
    public StreamParser parser(Consumer<StreamEvent> sink) {
        return ndjson(sink);
    }

    @Override
    public EventDecoder decoder() {
        return Decoders.ollama();
    }

    @Override
    public Preflight health(HttpTransport client, URI base) {
        return guarded(base, "health check", () -> {
            Answer a = call(client, get(base, "/", HEALTH_TIMEOUT));
            return a.status() == 200 ? new Preflight(true, "Ollama is running")
                    : new Preflight(false, "Ollama returned status " + a.status());
        });
    }

    /** {@code POST /api/show}; current Ollama reads "model", older versions "name": send both. */
    private Answer show(HttpTransport client, URI base, String model) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", model);
        body.put("name", model);
        return call(client, post(base, "/api/show", body, MODEL_TIMEOUT));
    }

    @Override
    public Preflight checkModel(HttpTransport client, URI base, String model) {
        return guarded(base, "model check", () -> {
            if (show(client, base, model).status() == 200) {
                return new Preflight(true, "");
            }
            List<String> available = listModels(client, base);
            return new Preflight(false, "Model not found. Run: ollama pull " + model
                    + (available.isEmpty() ? "" : " (available: " + String.join(", ", available) + ")"));
        });
    }

    @Override
    public Optional<String> version(HttpTransport client, URI base) {
        return quietly(Optional.empty(), () -> {
            Answer a = call(client, get(base, "/api/version", HEALTH_TIMEOUT));
            return a.status() == 200 ? textField(a.body(), "version") : Optional.empty();
        });
    }

    @Override
    public Map<String, String> modelDetails(HttpTransport client, URI base, String model) {
        return quietly(Map.of(), () -> {
            Answer a = show(client, base, model);
            Map<String, String> out = new LinkedHashMap<>();
            if (a.status() == 200) {
                JsonNode details = json(a.body()).map(n -> n.path("details")).orElse(Json.mapper().createObjectNode());
                for (String key : List.of("quantization_level", "parameter_size", "family", "format")) {
                    if (details.path(key).isTextual()) {
                        out.put(key, details.get(key).asText());
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<String> listModels(HttpTransport client, URI base) {
        return quietly(List.of(), () -> {
            Answer a = call(client, get(base, "/api/tags", HEALTH_TIMEOUT));
            List<String> out = new ArrayList<>();
            if (a.status() == 200) {
                json(a.body()).ifPresent(n -> n.path("models").forEach(m -> out.add(m.path("name").asText())));
            }
            return out;
        });
    }
}

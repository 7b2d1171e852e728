package io.chimeraforge.bench.internal.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.bench.internal.stream.StreamEvent;
import io.chimeraforge.bench.internal.stream.StreamParser;
import io.chimeraforge.core.Json;
import java.net.URI;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.WireRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** Hugging Face TGI: {@code POST /generate_stream} with {@code details: true}, one SSE event per token. */
final class TgiProtocol extends BackendProtocol {

    @Override
    public String name() {
        return "tgi";
    }

    @Override
    protected String display() {
        return "TGI";
    }

    @Override
    public WireRequest request(URI base, GenerationParams p) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("inputs", p.prompt());
        ObjectNode parameters = body.putObject("parameters");
        parameters.put("max_new_tokens", p.maxTokens().orElse(OpenAiProtocol.DEFAULT_MAX_TOKENS));
        parameters.put("temperature", p.temperature().orElse(OpenAiProtocol.DEFAULT_TEMPERATURE));
        p.seed().ifPresent(v -> parameters.put("seed", v));
        // Without details TGI reports no token count (the reference's 0-token bug).
        parameters.put("details", true);
        putAll(parameters, p.options());
        return post(base, "/generate_stream", body, "text/event-stream");
    }

    @Override
    public StreamParser parser(Consumer<StreamEvent> sink) {
        return sse(sink);
    }

    @Override
    public EventDecoder decoder() {
        return Decoders.tgi();
    }

    @Override
    public Preflight health(HttpTransport client, URI base) {
        return guarded(base, "health check", () -> {
            Answer a = call(client, get(base, "/health", HEALTH_TIMEOUT));
            return a.status() == 200 ? new Preflight(true, "TGI is running")
                    : new Preflight(false, "TGI returned status " + a.status());
        });
    }

    @Override
    public Preflight checkModel(HttpTransport client, URI base, String model) {
        return guarded(base, "model check", () -> {
            Answer a = call(client, get(base, "/info", MODEL_TIMEOUT));
            if (a.status() != 200) {
                return new Preflight(false, "Cannot get model info (status " + a.status() + ")");
            }
            String loaded = json(a.body()).map(n -> n.path("model_id").asText("")).orElse("");
            if (matches(model, loaded)) {
                return new Preflight(true, "");
            }
            return new Preflight(false, "TGI has '" + loaded + "' loaded, not '" + model
                    + "'. Restart TGI with the desired model.");
        });
    }

    /** The reference's rule: exact match, or the lower-cased name equals a '/'-component of the loaded id. */
    static boolean matches(String model, String loaded) {
        if (model.equals(loaded)) {
            return true;
        }
        String wanted = model.toLowerCase(Locale.ROOT);
        for (String part : loaded.toLowerCase(Locale.ROOT).split("/", -1)) {
            if (part.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<String> version(HttpTransport client, URI base) {
        return quietly(Optional.empty(), () -> {
            Answer a = call(client, get(base, "/info", HEALTH_TIMEOUT));
            return a.status() == 200 ? textField(a.body(), "version") : Optional.empty();
        });
    }
}

package io.chimeraforge.bench.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.bench.internal.http.ExchangeException;
import io.chimeraforge.bench.internal.http.HeaderRules;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.WireRequest;
import io.chimeraforge.bench.internal.stream.NdjsonParser;
import io.chimeraforge.bench.internal.stream.SseParser;
import io.chimeraforge.bench.internal.stream.StreamEvent;
import io.chimeraforge.bench.internal.stream.StreamParser;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One backend's wire protocol: how to ask for a streamed generation, how to frame and decode the
 * answer, and the pre-flight checks with the reference's messages (spec §1.2–1.4).
 */
public abstract class BackendProtocol {

    /** Health check timeout (reference: 10 s). */
    protected static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);
    /** Model check timeout (reference: 30 s). */
    protected static final Duration MODEL_TIMEOUT = Duration.ofSeconds(30);

    /** The reference backend name: {@code ollama}, {@code vllm}, {@code tgi}. */
    public abstract String name();

    /** Display name used in messages: {@code Ollama}, {@code vLLM}, {@code TGI}. */
    protected abstract String display();

    /** The streaming request. */
    public abstract WireRequest request(URI base, GenerationParams params);

    /** A framer delivering events to {@code sink}. */
    public abstract StreamParser parser(Consumer<StreamEvent> sink);

    /** A fresh decoder for one request. */
    public abstract EventDecoder decoder();

    /** {@code health_check()}: never throws. */
    public abstract Preflight health(HttpTransport client, URI base);

    /** {@code check_model(model)}: never throws. */
    public abstract Preflight checkModel(HttpTransport client, URI base, String model);

    /** {@code get_version()}: empty on any error. */
    public abstract Optional<String> version(HttpTransport client, URI base);

    /** Model details worth recording (Ollama {@code /api/show}); empty by default. */
    public Map<String, String> modelDetails(HttpTransport client, URI base, String model) {
        return Map.of();
    }

    /** All models the server lists (for error messages and quant resolution); empty when unknown. */
    public List<String> listModels(HttpTransport client, URI base) {
        return List.of();
    }

    /** Whether the backend applies a per-request context length. */
    public boolean appliesContextLength() {
        return false;
    }

    /** Whether the backend supports {@code ignore_eos}. */
    public boolean supportsIgnoreEos() {
        return false;
    }

    // ------------------------------------------------------------- helpers

    private Map<String, String> headers = Map.of();

    /** Extra headers sent with every request of this protocol instance (e.g. {@code Authorization}). */
    protected Map<String, String> headers() {
        return headers;
    }

    /** A JSON POST of {@code body} to {@code base + path}. */
    protected WireRequest post(URI base, String path, JsonNode body, String accept) {
        return WireRequest.post(resolve(base, path), "application/json", accept, bytes(body), headers);
    }

    static byte[] bytes(JsonNode body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise request body", e);
        }
    }

    /** {@code base} (no trailing slash) + {@code path}. */
    protected static URI resolve(URI base, String path) {
        String b = base.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + path);
    }

    /** Outcome of a simple GET/POST used by pre-flight. */
    protected record Answer(int status, String body) {
    }

    /** A pre-flight request with its whole-call timeout. */
    protected record Call(WireRequest request, Duration timeout) {
    }

    /** Largest pre-flight answer kept (model lists are small; this only bounds a misbehaving server). */
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    /** Synchronous call; transport failures propagate for classification. */
    protected static Answer call(HttpTransport client, Call call) throws IOException {
        HttpTransport.Response r = client.call(call.request(), call.timeout(), MAX_ANSWER_BYTES);
        return new Answer(r.status(), r.body());
    }

    /** A GET of {@code base + path} with a timeout. */
    protected Call get(URI base, String path, Duration timeout) {
        return new Call(WireRequest.get(resolve(base, path), "application/json", headers), timeout);
    }

    /** A JSON POST of {@code body} to {@code base + path} with a timeout. */
    protected Call post(URI base, String path, JsonNode body, Duration timeout) {
        return new Call(post(base, path, body, "application/json"), timeout);
    }

    /** A pre-flight step that may fail with an I/O error. */
    @FunctionalInterface
    protected interface IoCall<T> {
        /** Runs the step. */
        T run() throws IOException;
    }

    /**
     * Runs a pre-flight check that never throws: a transport failure becomes the reference's
     * "not running" / "timed out" / "<what> failed" message.
     */
    protected Preflight guarded(URI base, String what, IoCall<Preflight> check) {
        try {
            return check.run();
        } catch (IOException | RuntimeException e) {
            return transportFailure(e, base, what);
        }
    }

    /** Runs a best-effort query; any failure gives {@code fallback}. */
    protected static <T> T quietly(T fallback, IoCall<T> query) {
        try {
            return query.run();
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    /** Maps a transport failure to the reference's "not running" / "timed out" / "failed" messages. */
    private Preflight transportFailure(Exception e, URI base, String what) {
        if (e instanceof ExchangeException x) {
            switch (x.failure()) {
                case TIMEOUT_TOTAL, TIMEOUT_IDLE -> {
                    return new Preflight(false, display() + " timed out at " + base);
                }
                case CONNECT -> {
                    return new Preflight(false, display() + " not running at " + base);
                }
                case UNKNOWN_HOST, TLS -> {
                    // Not "not running": the server may well run; the name or the TLS set-up is wrong.
                    return new Preflight(false, "Cannot reach " + display() + " at " + base + ": " + x.getMessage());
                }
                default -> {
                    return new Preflight(false, display() + " " + what + " failed at " + base + ": " + x.getMessage());
                }
            }
        }
        return new Preflight(false, display() + " " + what + " failed at " + base + ": " + e);
    }

    /**
     * A generation body holding {@code model} and the prompt: as one user message under
     * {@code messages} for the chat endpoints, else as {@code prompt}.
     */
    protected static ObjectNode promptBody(GenerationParams p) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", p.model());
        if (p.chat()) {
            ObjectNode message = body.putArray("messages").addObject();
            message.put("role", "user");
            message.put("content", p.prompt());
        } else {
            body.put("prompt", p.prompt());
        }
        return body;
    }

    /** The text field {@code field} of a JSON body, if the body parses and the field is a string. */
    protected static Optional<String> textField(String body, String field) {
        return json(body).map(n -> n.path(field)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** Parses JSON leniently; empty on error. */
    protected static Optional<JsonNode> json(String text) {
        try {
            return Optional.ofNullable(Json.mapper().readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Puts user options into {@code target}, converting values to JSON. */
    protected static void putAll(ObjectNode target, Map<String, Object> options) {
        for (Map.Entry<String, Object> e : options.entrySet()) {
            target.set(e.getKey(), Json.mapper().valueToTree(e.getValue()));
        }
    }

    /** SSE framer. */
    protected static StreamParser sse(Consumer<StreamEvent> sink) {
        return new SseParser(sink);
    }

    /** NDJSON framer. */
    protected static StreamParser ndjson(Consumer<StreamEvent> sink) {
        return new NdjsonParser(sink);
    }

    /** Names in an OpenAI-style model list. */
    protected static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : list.path("data")) {
            out.add(m.path("id").asText());
        }
        return out;
    }

    /** The protocol for a reference backend name. */
    public static BackendProtocol forName(String name) {
        return forName(name, Map.of());
    }

    /**
     * The protocol for a reference backend name, sending {@code headers} with every request.
     *
     * @throws IllegalArgumentException for an unknown backend or a header {@link HeaderRules} refuses
     */
    public static BackendProtocol forName(String name, Map<String, String> headers) {
        headers.forEach(HeaderRules::check);
        BackendProtocol protocol = switch (name) {
            case "ollama" -> new OllamaProtocol();
            case "vllm" -> new OpenAiProtocol();
            case "tgi" -> new TgiProtocol();
            default -> throw new IllegalArgumentException(
                    "Unknown backend: " + name + ". Available: ['ollama', 'vllm', 'tgi']");
        };
        protocol.headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        return protocol;
    }
}

package io.chimeraforge.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.Quirk;
import io.chimeraforge.testkit.Responder;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.ServedRequest;
import io.chimeraforge.testkit.StreamTiming;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request handler behind {@code MockLlmServer}. Each request is answered on its connection's
 * thread ({@link SocketServer}): the thread waits for a generation slot, then parks until each
 * chunk's absolute deadline and writes the chunk itself. No hand-off stands between a deadline
 * and its write, so the only lateness is the thread's wake-up.
 */
public final class MockEngine implements SocketServer.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(MockEngine.class);

    /** Everything the engine needs, fixed at start. */
    public record Settings(Script script, FaultPlan faults, Set<Quirk> quirks, List<String> models,
            boolean strictModels, String version, long stallLimitNanos, int maxRecordedRequests, int slots,
            Optional<Responder> responder) {
    }

    private final Settings settings;
    private final SlotPool slots;
    private final AtomicLong generations = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong recorded = new AtomicLong();
    private final ConcurrentLinkedQueue<ServedRequest> served = new ConcurrentLinkedQueue<>();
    private final ConcurrentSkipListMap<Long, StreamTiming> timings = new ConcurrentSkipListMap<>();

    /** An engine with these settings. */
    public MockEngine(Settings settings) {
        this.settings = settings;
        this.slots = new SlotPool(settings.slots());
    }

    /** Generation requests accepted so far. */
    public long generationRequests() {
        return generations.get();
    }

    /** Generation requests currently open (queued or streaming). */
    public int inFlight() {
        return inFlight.get();
    }

    /** Highest number of generation requests open at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Requests waiting for a slot. */
    public int queued() {
        return slots.queued();
    }

    /** The recorded requests, oldest first (at most the configured number). */
    public List<ServedRequest> served() {
        return Collections.unmodifiableList(new ArrayList<>(served));
    }

    /** Timings of the finished generation requests with an index below the recording limit, by index. */
    public List<StreamTiming> timings() {
        return List.copyOf(timings.values());
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        HttpRequest request = exchange.request();
        Generation.Protocol protocol = generationProtocol(request.method(), request.path());
        if (protocol == null) {
            record(-1, request, Optional.empty());
            serveInfo(exchange, request.method(), request.path(), request.body());
            return;
        }
        long index = generations.getAndIncrement();
        Optional<Fault> fault = settings.faults().faultFor(index);
        record(index, request, fault);
        if (index < settings.maxRecordedRequests()) {
            // Published just before the response's last write, so a client that has read the whole
            // response already finds its timing.
            exchange.onEnd(() -> timings.put(index, new StreamTiming(index, request.readNanos(),
                    exchange.headersWrittenNanos(), exchange.firstContentWrittenNanos(), exchange.lastWriteNanos())));
        }
        new Call(exchange, protocol, index, fault.orElse(null)).run();
    }

    private void open() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    private void record(long index, HttpRequest request, Optional<Fault> fault) {
        if (recorded.getAndIncrement() >= settings.maxRecordedRequests()) {
            return;
        }
        served.add(new ServedRequest(index, request.method(), request.path(), request.version(),
                request.headers().contains("Upgrade"), new String(request.body(), StandardCharsets.UTF_8), fault,
                request.readNanos(), request.headers().asMap()));
    }

    private static Generation.Protocol generationProtocol(String method, String path) {
        if (!"POST".equals(method)) {
            return null;
        }
        return switch (path) {
            case "/api/generate" -> Generation.Protocol.OLLAMA_GENERATE;
            case "/api/chat" -> Generation.Protocol.OLLAMA_CHAT;
            case "/v1/completions" -> Generation.Protocol.OPENAI_COMPLETIONS;
            case "/v1/chat/completions" -> Generation.Protocol.OPENAI_CHAT;
            case "/generate_stream" -> Generation.Protocol.TGI_STREAM;
            case "/generate" -> Generation.Protocol.TGI_GENERATE;
            default -> null;
        };
    }

    private Generation parse(Generation.Protocol protocol, JsonNode req, String model, long index) {
        boolean stream;
        JsonNode limit;
        boolean ignoreEos = false;
        boolean includeUsage = false;
        boolean continuous = false;
        boolean details = false;
        String prompt;
        switch (protocol) {
            case OLLAMA_GENERATE, OLLAMA_CHAT -> {
                stream = req.path("stream").asBoolean(true);
                limit = req.path("options").path("num_predict");
                prompt = protocol == Generation.Protocol.OLLAMA_CHAT ? messagesText(req) : req.path("prompt").asText("");
            }
            case OPENAI_COMPLETIONS, OPENAI_CHAT -> {
                stream = req.path("stream").asBoolean(false);
                limit = req.has("max_tokens") ? req.path("max_tokens") : req.path("max_completion_tokens");
                ignoreEos = req.path("ignore_eos").asBoolean(false);
                includeUsage = req.path("stream_options").path("include_usage").asBoolean(false);
                continuous = req.path("stream_options").path("continuous_usage_stats").asBoolean(false);
                prompt = protocol == Generation.Protocol.OPENAI_CHAT ? messagesText(req) : req.path("prompt").asText("");
            }
            default -> {
                stream = protocol == Generation.Protocol.TGI_STREAM;
                limit = req.path("parameters").path("max_new_tokens");
                details = req.path("parameters").path("details").asBoolean(false);
                prompt = req.path("inputs").asText("");
            }
        }
        TokenText text = TokenText.vocabulary();
        if (settings.responder().isPresent()) {
            String scripted = settings.responder().get().respond(index, prompt);
            if (scripted == null) {
                throw new IllegalStateException("responder returned null for request " + index);
            }
            text = TokenText.of(scripted);
        }
        int natural = text.scripted() ? text.size() : settings.script().outputTokens();
        int tokens = natural;
        boolean byLength = false;
        if (limit.canConvertToInt() && limit.asInt() > 0) {
            int requested = Math.min(limit.asInt(), 1_000_000);
            if (ignoreEos || requested < natural) {
                tokens = requested;
                byLength = true;
            }
        }
        Instant now = Instant.now();
        return new Generation(protocol, stream, model, Long.toString(index), Math.max(1, countWords(prompt)), tokens,
                byLength, includeUsage, continuous, details, settings.quirks(),
                now.truncatedTo(ChronoUnit.MICROS).toString(), now.getEpochSecond(), text);
    }

    private static String messagesText(JsonNode req) {
        StringBuilder text = new StringBuilder();
        for (JsonNode m : req.path("messages")) {
            text.append(text.length() == 0 ? "" : " ").append(m.path("content").asText(""));
        }
        return text.toString();
    }

    private static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private void serveInfo(Exchange ex, String method, String path, byte[] body) throws IOException {
        String models = String.join(",", settings.models().stream().map(JsonText::quote).toList());
        String first = settings.models().isEmpty() ? "" : settings.models().get(0);
        String version = JsonText.quote(settings.version());
        switch (method + " " + path) {
            case "GET /" -> send(ex, 200, "text/plain; charset=utf-8", bytes("Ollama is running"));
            case "GET /api/version", "GET /version" -> send(ex, 200, "application/json", bytes("{\"version\":" + version + "}"));
            case "GET /api/tags" -> {
                StringBuilder out = new StringBuilder("{\"models\":[");
                for (int i = 0; i < settings.models().size(); i++) {
                    String q = JsonText.quote(settings.models().get(i));
                    out.append(i == 0 ? "" : ",").append("{\"name\":").append(q).append(",\"model\":").append(q)
                            .append(",\"size\":1000000,\"digest\":\"mock\",\"details\":{\"format\":\"gguf\",")
                            .append("\"family\":\"mock\",\"parameter_size\":\"1B\",\"quantization_level\":\"")
                            .append(quantOf(settings.models().get(i))).append("\"}}");
                }
                send(ex, 200, "application/json", bytes(out.append("]}").toString()));
            }
            case "POST /api/show" -> {
                String model = "";
                try {
                    JsonNode req = Json.mapper().readTree(body);
                    model = req.path("model").asText(req.path("name").asText(""));
                } catch (IOException e) {
                    LOG.debug("unparseable /api/show body", e);
                }
                if (settings.models().contains(model)) {
                    send(ex, 200, "application/json", bytes("{\"details\":{\"format\":\"gguf\",\"family\":\"mock\","
                            + "\"parameter_size\":\"1B\",\"quantization_level\":\"" + quantOf(model) + "\"}}"));
                } else {
                    send(ex, 404, "application/json", bytes("{\"error\":\"model '" + model.replace("\"", "") + "' not found\"}"));
                }
            }
            case "GET /health" -> send(ex, 200, "application/json", new byte[0]);
            case "GET /v1/models" -> {
                StringBuilder out = new StringBuilder("{\"object\":\"list\",\"data\":[");
                for (int i = 0; i < settings.models().size(); i++) {
                    out.append(i == 0 ? "" : ",").append("{\"id\":").append(JsonText.quote(settings.models().get(i)))
                            .append(",\"object\":\"model\",\"owned_by\":\"mock\"}");
                }
                send(ex, 200, "application/json", bytes(out.append("]}").toString()));
            }
            case "GET /info" -> send(ex, 200, "application/json", bytes("{\"model_id\":" + JsonText.quote(first)
                    + ",\"version\":" + version + ",\"max_concurrent_requests\":128}"));
            default -> send(ex, 404, "application/json", bytes("{\"error\":\"no route " + method + " " + path.replace("\"", "") + "\"}"));
        }
        if (models.isEmpty()) {
            LOG.trace("mock serves no models");
        }
    }

    /** Quantization label a model tag implies, e.g. {@code llama3:8b-q8_0} → {@code Q8_0}; default Q4_K_M. */
    static String quantOf(String model) {
        String lower = model.toLowerCase(java.util.Locale.ROOT);
        for (String q : List.of("fp16", "f16", "q8_0", "q6_k", "q5_k_m", "q4_k_m", "q4_0", "q3_k_s", "q2_k")) {
            if (lower.endsWith(q) || lower.contains("-" + q) || lower.contains(":" + q)) {
                return q.equals("fp16") || q.equals("f16") ? "F16" : q.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return "Q4_K_M";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(Exchange ex, int status, String type, byte[] body) throws IOException {
        ex.respond(status, type, body);
    }

    /** One generation request, answered on its connection's thread. */
    private final class Call {
        private final Exchange ex;
        private final Generation.Protocol protocol;
        private final long index;
        private final Fault fault;
        private final long readNanos;

        Call(Exchange ex, Generation.Protocol protocol, long index, Fault fault) {
            this.ex = ex;
            this.protocol = protocol;
            this.index = index;
            this.fault = fault;
            this.readNanos = ex.request().readNanos();
        }

        void run() throws IOException {
            JsonNode request;
            try {
                request = Json.mapper().readTree(ex.request().body());
            } catch (IOException e) {
                send(ex, 400, "application/json", Wire.error(protocol, 400, "invalid JSON body"));
                return;
            }
            if (request == null || !request.isObject()) {
                send(ex, 400, "application/json", Wire.error(protocol, 400, "body must be a JSON object"));
                return;
            }
            String model = request.path("model").asText("");
            if (settings.strictModels() && protocol != Generation.Protocol.TGI_STREAM
                    && protocol != Generation.Protocol.TGI_GENERATE && !settings.models().contains(model)) {
                send(ex, 404, "application/json",
                        Wire.error(protocol, 404, "model '" + model + "' not found, try pulling it first"));
                return;
            }
            if (fault == Fault.HTTP_500) {
                send(ex, 500, "application/json", Wire.error(protocol, 500, "internal server error (injected)"));
                return;
            }
            if (fault == Fault.HTTP_429) {
                ex.respond(429, "application/json", Wire.error(protocol, 429, "too many requests (injected)"),
                        "Retry-After", "1");
                return;
            }
            Generation g;
            try {
                g = parse(protocol, request, model, index);
            } catch (RuntimeException e) {
                LOG.debug("responder failed on request {}", index, e);
                send(ex, 500, "application/json", Wire.error(protocol, 500, "responder failed: " + e));
                return;
            }
            open();
            boolean holdsSlot = false;
            try {
                if (g.stream() && !g.has(Quirk.HEADERS_ON_SLOT)) {
                    ex.startStream(Wire.streamContentType(g));
                }
                long start;
                try {
                    start = slots.acquire(readNanos);
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("server closing");
                }
                holdsSlot = true;
                if (g.stream()) {
                    stream(g, start);
                } else {
                    whole(g, start);
                }
            } finally {
                if (holdsSlot) {
                    slots.release();
                }
                inFlight.decrementAndGet();
            }
        }

        /** A non-streamed response: the whole body when the last token is due. */
        private void whole(Generation g, long start) throws IOException {
            long due = start + settings.script().ttft().toNanos()
                    + settings.script().chunkOffsetNanos(settings.script().chunkCount(g.tokens()) - 1, g.tokens(), gap());
            byte[] body = Wire.full(g, timings(g, due));
            ex.parkUntil(due, alone());
            ex.respondWithContent("application/json", body);
        }

        /**
         * A streamed response. Chunk {@code c} is due at {@code start + ttft + offset(c)}, an
         * absolute deadline: a late wake-up delays that chunk only. Each chunk's bytes are built
         * before its deadline, so at the deadline the thread only writes.
         */
        private void stream(Generation g, long start) throws IOException {
            if (g.has(Quirk.CLOSE_AFTER_STREAM)) {
                ex.closeWhenDone();
            }
            if (g.has(Quirk.HEADERS_ON_SLOT)) {
                ex.startStream(Wire.streamContentType(g));
            }
            if (fault == Fault.STALL_AFTER_HEADERS) {
                boolean gone = ex.awaitClientGone(settings.stallLimitNanos());
                LOG.debug("stalled request {} ended: {}", index, gone ? "client went away" : "stall limit");
                ex.abort();
                return;
            }
            byte[] opening = Wire.opening(g);
            if (opening.length > 0) {
                ex.write(ex.frame(opening, false), false, false);
            }
            Script script = settings.script();
            long ttft = script.ttft().toNanos();
            long gap = gap();
            int chunks = script.chunkCount(g.tokens());
            byte[][] next = chunkWrites(g, 0, start + ttft);
            for (int c = 0; c < chunks; c++) {
                long due = start + ttft + script.chunkOffsetNanos(c, g.tokens(), gap);
                if (fault == Fault.DROP_MID_STREAM && c == chunks / 2) {
                    // Held at most stallLimit, like a stall; then the connection is cut mid-body.
                    ex.parkUntil(Math.min(due, start + settings.stallLimitNanos()), false);
                    ex.abort();
                    return;
                }
                byte[] malformed = fault == Fault.MALFORMED_JSON && c == chunks / 2 ? ex.frame(Wire.malformed(g), false) : null;
                byte[][] writes = next;
                ex.parkUntil(due, alone());
                if (malformed != null) {
                    ex.write(malformed, false, false);
                }
                for (int w = 0; w < writes.length; w++) {
                    ex.write(writes[w], true, c == chunks - 1 && w == writes.length - 1);
                }
                if (c + 1 < chunks) {
                    next = chunkWrites(g, c + 1, start + ttft + script.chunkOffsetNanos(c + 1, g.tokens(), gap));
                }
            }
        }

        /**
         * The framed writes of chunk {@code chunk}: one, or under {@link Fault#SLOW_TRICKLE} two
         * halves (possibly splitting a UTF-8 character), which exercises client reassembly. The
         * last chunk carries the terminal events and the end of the body.
         */
        private byte[][] chunkWrites(Generation g, int chunk, long due) {
            int per = settings.script().tokensPerChunk();
            int first = chunk * per;
            int count = Math.min(per, g.tokens() - first);
            boolean last = chunk == settings.script().chunkCount(g.tokens()) - 1;
            byte[] bytes = Wire.chunk(g, first, count, last, last ? timings(g, due) : null);
            if (fault == Fault.SLOW_TRICKLE && bytes.length > 1) {
                int half = bytes.length / 2;
                return new byte[][] {ex.frame(Arrays.copyOfRange(bytes, 0, half), false),
                        ex.frame(Arrays.copyOfRange(bytes, half, bytes.length), last)};
            }
            return new byte[][] {ex.frame(bytes, last)};
        }

        /** Whether this is the only generation request in flight (its waits may then end in a spin). */
        private boolean alone() {
            return inFlight.get() == 1;
        }

        /** Inter-token gap, stretched by the trickle factor under {@link Fault#SLOW_TRICKLE}. */
        private long gap() {
            long gap = settings.script().interTokenGap().toNanos();
            return fault == Fault.SLOW_TRICKLE ? gap * settings.script().trickleFactor() : gap;
        }

        /** Ollama's server timings for a response whose last token is due at {@code due}. */
        private Wire.OllamaTimings timings(Generation g, long due) {
            return new Wire.OllamaTimings(due - readNanos, settings.script().loadDuration().toNanos(),
                    settings.script().ttft().toNanos(), g.tokens() * gap());
        }
    }
}

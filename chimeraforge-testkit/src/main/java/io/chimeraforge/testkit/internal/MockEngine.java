package io.chimeraforge.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.chimeraforge.core.Json;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.Quirk;
import io.chimeraforge.testkit.Responder;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.ServedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request handler behind {@code MockLlmServer}. Streams are written by timer tasks on a small
 * scheduler, so no thread sleeps per stream and a handful of threads serve thousands of streams.
 * The only blocking path is {@link Fault#DROP_MID_STREAM}: the JDK server closes a connection
 * abruptly only when a handler throws, so the handler thread waits until the drop point.
 */
public final class MockEngine implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MockEngine.class);

    /** Everything the engine needs, fixed at start. */
    public record Settings(Script script, FaultPlan faults, Set<Quirk> quirks, List<String> models,
            boolean strictModels, String version, long stallLimitNanos, int maxRecordedRequests, int slots,
            Optional<Responder> responder) {
    }

    private final Settings settings;
    private final ScheduledExecutorService writers;
    private final SlotPool slots;
    private final AtomicLong generations = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger recorded = new AtomicInteger();
    private final ConcurrentLinkedQueue<ServedRequest> served = new ConcurrentLinkedQueue<>();

    /** An engine writing streams on {@code writers}. */
    public MockEngine(Settings settings, ScheduledExecutorService writers) {
        this.settings = settings;
        this.writers = writers;
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

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Generation.Protocol protocol = generationProtocol(method, path);
        if (protocol == null) {
            record(-1, exchange, path, body, Optional.empty(), arrival);
            try (exchange) {
                serveInfo(exchange, method, path, body);
            }
            return;
        }
        long index = generations.getAndIncrement();
        Optional<Fault> fault = settings.faults().faultFor(index);
        record(index, exchange, path, body, fault, arrival);
        JsonNode request;
        try {
            request = Json.mapper().readTree(body);
        } catch (IOException e) {
            try (exchange) {
                send(exchange, 400, "application/json", Wire.error(protocol, 400, "invalid JSON body"));
            }
            return;
        }
        if (request == null || !request.isObject()) {
            try (exchange) {
                send(exchange, 400, "application/json", Wire.error(protocol, 400, "body must be a JSON object"));
            }
            return;
        }
        String model = request.path("model").asText("");
        if (settings.strictModels() && protocol != Generation.Protocol.TGI_STREAM
                && protocol != Generation.Protocol.TGI_GENERATE && !settings.models().contains(model)) {
            try (exchange) {
                send(exchange, 404, "application/json",
                        Wire.error(protocol, 404, "model '" + model + "' not found, try pulling it first"));
            }
            return;
        }
        if (fault.isPresent() && (fault.get() == Fault.HTTP_500 || fault.get() == Fault.HTTP_429)) {
            int status = fault.get() == Fault.HTTP_500 ? 500 : 429;
            if (status == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            try (exchange) {
                send(exchange, status, "application/json", Wire.error(protocol, status,
                        status == 429 ? "too many requests (injected)" : "internal server error (injected)"));
            }
            return;
        }
        Generation g;
        try {
            g = parse(protocol, request, model, index);
        } catch (RuntimeException e) {
            LOG.debug("responder failed on request {}", index, e);
            try (exchange) {
                send(exchange, 500, "application/json", Wire.error(protocol, 500, "responder failed: " + e));
            }
            return;
        }
        Stream stream = new Stream(exchange, g, fault.orElse(null), arrival);
        open();
        if (!g.stream()) {
            slots.acquire(stream::onSlotNonStreaming);
            return;
        }
        if (!g.has(Quirk.HEADERS_ON_SLOT)) {
            stream.sendHeaders();
        }
        slots.acquire(stream::onSlot);
        if (stream.fault == Fault.DROP_MID_STREAM) {
            try {
                stream.dropPoint.await(settings.stallLimitNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stream.finish(false);
            // Throwing from the handler is the JDK server's only abrupt-close path.
            throw new IOException("injected connection drop");
        }
    }

    private void open() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    private void record(long index, HttpExchange exchange, String path, byte[] body, Optional<Fault> fault,
            long arrival) {
        if (recorded.get() >= settings.maxRecordedRequests()) {
            return;
        }
        recorded.incrementAndGet();
        boolean upgrade = exchange.getRequestHeaders().containsKey("Upgrade");
        served.add(new ServedRequest(index, exchange.getRequestMethod(), path, exchange.getProtocol(), upgrade,
                new String(body, StandardCharsets.UTF_8), fault, arrival));
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

    private void serveInfo(HttpExchange ex, String method, String path, byte[] body) throws IOException {
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

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** One generation response being written on timers. */
    private final class Stream {
        private final HttpExchange exchange;
        private final Generation g;
        private final Fault fault;
        private final long arrival;
        private final long gapNanos;
        private final int chunks;
        private final CountDownLatch dropPoint = new CountDownLatch(1);
        private final AtomicBoolean finished = new AtomicBoolean();
        private final AtomicBoolean headersSent = new AtomicBoolean();
        private long slotAt;
        private OutputStream out;
        private boolean slotHeld; // guarded by this
        private boolean released; // guarded by this

        Stream(HttpExchange exchange, Generation g, Fault fault, long arrival) {
            this.exchange = exchange;
            this.g = g;
            this.fault = fault;
            this.arrival = arrival;
            long gap = settings.script().interTokenGap().toNanos();
            this.gapNanos = fault == Fault.SLOW_TRICKLE ? gap * settings.script().trickleFactor() : gap;
            this.chunks = settings.script().chunkCount(g.tokens());
        }

        void sendHeaders() {
            if (!headersSent.compareAndSet(false, true)) {
                return;
            }
            try {
                exchange.getResponseHeaders().set("Content-Type", Wire.streamContentType(g));
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                out = exchange.getResponseBody();
                // Newer JDKs buffer the status line and headers until the first body write; a real
                // server sends them at once, and the stall fault and time-to-headers depend on it.
                out.flush();
            } catch (IOException e) {
                LOG.debug("client went away before headers", e);
                finish(true);
            }
        }

        /** Marks the slot as held; returns false (and gives it back) if the stream already ended. */
        private boolean takeSlot() {
            boolean giveBack;
            synchronized (this) {
                slotHeld = true;
                giveBack = finished.get() && !released;
                released |= giveBack;
            }
            if (giveBack) {
                slots.release();
            }
            return !giveBack;
        }

        void onSlot() {
            if (!takeSlot()) {
                return;
            }
            slotAt = System.nanoTime();
            sendHeaders();
            if (finished.get()) {
                return;
            }
            if (fault == Fault.STALL_AFTER_HEADERS) {
                writers.schedule(() -> finish(true), settings.stallLimitNanos(), TimeUnit.NANOSECONDS);
                return;
            }
            byte[] opening = Wire.opening(g);
            if (opening.length > 0 && !write(opening, false)) {
                return;
            }
            schedule(0);
        }

        void onSlotNonStreaming() {
            if (!takeSlot()) {
                return;
            }
            slotAt = System.nanoTime();
            long at = slotAt + settings.script().ttft().toNanos()
                    + settings.script().chunkOffsetNanos(chunks - 1, g.tokens(), gapNanos);
            writers.schedule(() -> {
                try {
                    send(exchange, 200, "application/json", Wire.full(g, timings()));
                } catch (IOException e) {
                    LOG.debug("client went away", e);
                }
                finish(true);
            }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        private void schedule(int chunk) {
            long at = slotAt + settings.script().ttft().toNanos()
                    + settings.script().chunkOffsetNanos(chunk, g.tokens(), gapNanos);
            writers.schedule(() -> writeChunk(chunk), at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        private void writeChunk(int chunk) {
            if (finished.get()) {
                return;
            }
            if (fault == Fault.DROP_MID_STREAM && chunk == chunks / 2) {
                dropPoint.countDown();
                return;
            }
            if (fault == Fault.MALFORMED_JSON && chunk == chunks / 2 && !write(Wire.malformed(g), false)) {
                return;
            }
            int per = settings.script().tokensPerChunk();
            int first = chunk * per;
            int count = Math.min(per, g.tokens() - first);
            boolean last = chunk == chunks - 1;
            byte[] bytes = Wire.chunk(g, first, count, last, last ? timings() : null);
            if (!write(bytes, fault == Fault.SLOW_TRICKLE)) {
                return;
            }
            if (last) {
                finish(true);
            } else {
                schedule(chunk + 1);
            }
        }

        private Wire.OllamaTimings timings() {
            long ttft = settings.script().ttft().toNanos();
            return new Wire.OllamaTimings(System.nanoTime() - arrival, settings.script().loadDuration().toNanos(),
                    ttft, g.tokens() * gapNanos);
        }

        private boolean write(byte[] bytes, boolean split) {
            try {
                if (split && bytes.length > 1) {
                    // Splitting mid-event (possibly mid-character) exercises client reassembly.
                    int half = bytes.length / 2;
                    out.write(bytes, 0, half);
                    out.flush();
                    out.write(bytes, half, bytes.length - half);
                } else {
                    out.write(bytes);
                }
                out.flush();
                return true;
            } catch (IOException | RuntimeException e) {
                LOG.debug("stream write failed; client likely closed the connection", e);
                finish(true);
                return false;
            }
        }

        void finish(boolean close) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (close) {
                try {
                    exchange.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing exchange failed", e);
                }
            }
            dropPoint.countDown();
            inFlight.decrementAndGet();
            boolean release;
            synchronized (this) {
                release = slotHeld && !released;
                released |= release;
            }
            if (release) {
                slots.release();
            }
        }
    }
}

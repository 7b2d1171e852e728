package io.chimeraforge.bench.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.bench.ServerTimings;
import io.chimeraforge.bench.TokenSource;
import io.chimeraforge.bench.internal.stream.StreamEvent;
import io.chimeraforge.core.Json;

/** The three protocol decoders. Parsing is defensive: unknown keys are ignored, types are checked. */
public final class Decoders {

    private Decoders() {
    }

    static JsonNode parse(String data) throws MalformedStreamException {
        try {
            JsonNode node = Json.mapper().readTree(data);
            if (node == null || !node.isObject()) {
                throw new MalformedStreamException("stream event is not a JSON object: " + excerpt(data));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedStreamException("malformed JSON in stream: " + excerpt(data));
        }
    }

    static String excerpt(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    static String errorText(JsonNode error) {
        if (error.isTextual()) {
            return error.asText();
        }
        JsonNode message = error.path("message");
        return message.isTextual() ? message.asText() : error.toString();
    }

    /** Ollama NDJSON ({@code /api/generate} and {@code /api/chat}). */
    public static EventDecoder ollama() {
        return new EventDecoder() {
            @Override
            public void onEvent(StreamEvent event, Recorder r) throws MalformedStreamException, ServerErrorException {
                JsonNode line = parse(event.data());
                if (line.has("error")) {
                    throw new ServerErrorException(errorText(line.get("error")));
                }
                r.event(event.arrivalNanos());
                String text = line.has("message") ? line.path("message").path("content").asText("")
                        : line.path("response").asText("");
                if (!text.isEmpty()) {
                    // Ollama streams one token per line in practice, but does not promise it.
                    r.content(event.arrivalNanos(), -1, TokenSource.CLIENT_ESTIMATE);
                    r.text(text);
                }
                if (line.path("done").asBoolean(false)) {
                    if (line.hasNonNull("done_reason")) {
                        r.finishReason(line.get("done_reason").asText());
                    }
                    if (line.path("eval_count").canConvertToInt()) {
                        r.serverCompletionTokens(line.get("eval_count").asInt());
                    }
                    if (line.path("prompt_eval_count").canConvertToInt()) {
                        r.promptTokens(line.get("prompt_eval_count").asInt());
                    }
                    r.serverTimings(new ServerTimings(line.path("total_duration").asLong(0),
                            line.path("load_duration").asLong(0), line.path("prompt_eval_duration").asLong(0),
                            line.path("eval_duration").asLong(0), count(line.path("prompt_eval_count")),
                            count(line.path("eval_count"))));
                    r.terminal(event.arrivalNanos());
                }
            }

            @Override
            public boolean complete(Recorder r) {
                return r.sawTerminal();
            }
        };
    }

    /** OpenAI-compatible SSE ({@code /v1/completions} and {@code /v1/chat/completions}). */
    public static EventDecoder openAi() {
        return new EventDecoder() {
            private int lastCumulative;

            @Override
            public void onEvent(StreamEvent event, Recorder r) throws MalformedStreamException, ServerErrorException {
                String data = event.data();
                if (data.strip().equals("[DONE]")) {
                    r.terminal(event.arrivalNanos());
                    return;
                }
                JsonNode chunk = parse(data);
                if (chunk.has("error") || "error".equals(event.type())) {
                    throw new ServerErrorException(errorText(chunk.has("error") ? chunk.get("error") : chunk));
                }
                r.event(event.arrivalNanos());
                JsonNode usage = chunk.path("usage");
                boolean hasUsage = usage.path("completion_tokens").canConvertToInt();
                JsonNode choice = chunk.path("choices").path(0);
                String text = "";
                if (choice.isObject()) {
                    JsonNode delta = choice.path("delta");
                    text = delta.isObject() ? delta.path("content").asText("") : choice.path("text").asText("");
                    if (choice.hasNonNull("finish_reason")) {
                        r.finishReason(choice.get("finish_reason").asText());
                    }
                }
                if (!text.isEmpty()) {
                    r.text(text);
                    if (hasUsage) {
                        int cumulative = usage.get("completion_tokens").asInt();
                        r.content(event.arrivalNanos(), Math.max(0, cumulative - lastCumulative),
                                TokenSource.SERVER_USAGE_DELTA);
                        lastCumulative = cumulative;
                    } else {
                        r.content(event.arrivalNanos(), -1, TokenSource.CLIENT_ESTIMATE);
                    }
                }
                JsonNode timings = chunk.path("timings");
                if (timings.isObject()) {
                    llamaCppTimings(timings, r);
                }
                if (hasUsage) {
                    r.serverCompletionTokens(usage.get("completion_tokens").asInt());
                    if (usage.path("prompt_tokens").canConvertToInt()) {
                        r.promptTokens(usage.get("prompt_tokens").asInt());
                    }
                }
            }

            @Override
            public boolean complete(Recorder r) {
                // llama.cpp's native streams end without [DONE]; a finish reason is enough.
                return r.sawTerminal() || r.sawFinish();
            }
        };
    }

    /** A non-negative integer count, if {@code node} is one. */
    private static java.util.OptionalInt count(JsonNode node) {
        return node.canConvertToInt() && node.asInt() >= 0 ? java.util.OptionalInt.of(node.asInt())
                : java.util.OptionalInt.empty();
    }

    /** Milliseconds (fractional) as whole nanoseconds; 0 when absent, negative or not a number. */
    private static long nanosFromMillis(JsonNode node) {
        if (!node.isNumber()) {
            return 0;
        }
        double ms = node.asDouble();
        return Double.isFinite(ms) && ms > 0 ? Math.round(ms * 1e6) : 0;
    }

    /**
     * llama.cpp's {@code timings} object ({@code prompt_n}, {@code prompt_ms}, {@code predicted_n},
     * {@code predicted_ms}, per-token and per-second rates we do not need). Its token counts are
     * kept with the timings; {@code usage} stays the source of the output token count.
     */
    private static void llamaCppTimings(JsonNode t, Recorder r) {
        long prompt = nanosFromMillis(t.path("prompt_ms"));
        long predicted = nanosFromMillis(t.path("predicted_ms"));
        java.util.OptionalInt promptN = count(t.path("prompt_n"));
        java.util.OptionalInt predictedN = count(t.path("predicted_n"));
        r.serverTimings(new ServerTimings(prompt + predicted, 0, prompt, predicted, promptN, predictedN));
    }

    /** TGI {@code /generate_stream} SSE. */
    public static EventDecoder tgi() {
        return new EventDecoder() {
            @Override
            public void onEvent(StreamEvent event, Recorder r) throws MalformedStreamException, ServerErrorException {
                JsonNode e = parse(event.data());
                if (e.has("error")) {
                    throw new ServerErrorException(errorText(e.get("error")));
                }
                r.event(event.arrivalNanos());
                JsonNode token = e.path("token");
                if (token.isObject() && !token.path("special").asBoolean(false)) {
                    // TGI sends exactly one token per event; empty text still is a token.
                    r.content(event.arrivalNanos(), 1, TokenSource.SERVER_EVENTS);
                    r.text(token.path("text").asText(""));
                }
                JsonNode details = e.path("details");
                if (details.isObject()) {
                    if (details.hasNonNull("finish_reason")) {
                        r.finishReason(details.get("finish_reason").asText());
                    }
                    if (details.path("generated_tokens").canConvertToInt()) {
                        r.serverCompletionTokens(details.get("generated_tokens").asInt());
                    }
                    if (details.path("input_length").canConvertToInt()) {
                        r.promptTokens(details.get("input_length").asInt());
                    }
                }
                if (e.hasNonNull("generated_text")) {
                    r.terminal(event.arrivalNanos());
                }
            }

            @Override
            public boolean complete(Recorder r) {
                return r.sawTerminal();
            }
        };
    }
}

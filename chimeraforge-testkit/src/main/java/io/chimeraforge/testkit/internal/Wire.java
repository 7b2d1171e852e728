package io.chimeraforge.testkit.internal;

import io.chimeraforge.testkit.Quirk;
import java.nio.charset.StandardCharsets;

/**
 * Renders the mock's responses in each protocol's wire format. Events are built as text because
 * the token vocabulary is fixed and pre-escaped; a JSON tree per chunk would cost more than the
 * timing precision the mock is meant to offer.
 */
public final class Wire {

    /** Ollama server timings (nanoseconds) for the final {@code done} line. */
    public record OllamaTimings(long totalNanos, long loadNanos, long promptEvalNanos, long evalNanos) {
    }

    private Wire() {
    }

    /** Content type of a streamed response. */
    public static String streamContentType(Generation g) {
        return g.protocol().sse() ? "text/event-stream" : "application/x-ndjson";
    }

    /** Bytes sent as soon as the request holds a slot (a role-only chunk), possibly empty. */
    public static byte[] opening(Generation g) {
        if (!g.has(Quirk.ROLE_ONLY_FIRST_CHUNK) || !g.protocol().chat()) {
            return new byte[0];
        }
        if (g.protocol() == Generation.Protocol.OPENAI_CHAT) {
            return utf8(sse(g, openAiHead(g) + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}]}"));
        }
        return utf8("{\"model\":" + JsonText.quote(g.model()) + ",\"created_at\":\"" + g.createdAt()
                + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":false}\n");
    }

    /**
     * Bytes of one streamed chunk carrying tokens {@code [first, first + count)}; when
     * {@code last}, the terminal events follow in the same write.
     */
    public static byte[] chunk(Generation g, int first, int count, boolean last, OllamaTimings timings) {
        StringBuilder out = new StringBuilder(256);
        switch (g.protocol()) {
            case OLLAMA_GENERATE, OLLAMA_CHAT -> {
                for (int i = first; i < first + count; i++) {
                    out.append(ollamaLine(g, g.text().quoted(i), false, timings));
                }
                if (last) {
                    out.append(ollamaLine(g, "\"\"", true, timings));
                }
            }
            case OPENAI_COMPLETIONS, OPENAI_CHAT -> openAiChunk(g, out, first, count, last, timings);
            case TGI_STREAM -> {
                for (int i = first; i < first + count; i++) {
                    boolean final_ = last && i == first + count - 1;
                    out.append(sseTgi(g, tgiEvent(g, i, final_)));
                }
            }
            default -> throw new IllegalStateException("not a streaming protocol: " + g.protocol());
        }
        return utf8(out.toString());
    }

    /** A line that is not valid JSON, framed as the protocol frames events. */
    public static byte[] malformed(Generation g) {
        String broken = "{\"model\":" + JsonText.quote(g.model()) + ",\"response\":\"tru";
        if (g.protocol() == Generation.Protocol.TGI_STREAM) {
            return utf8(sseTgi(g, broken));
        }
        return utf8(g.protocol().sse() ? sse(g, broken) : broken + "\n");
    }

    /** The whole body of a non-streaming response. */
    public static byte[] full(Generation g, OllamaTimings timings) {
        String text = g.text().text(0, g.tokens());
        String body;
        switch (g.protocol()) {
            case OLLAMA_GENERATE, OLLAMA_CHAT -> {
                String line = ollamaLine(g, JsonText.quote(text), true, timings);
                body = line.substring(0, line.length() - 1);
            }
            case OPENAI_COMPLETIONS -> body = openAiHead(g) + "\"choices\":[{\"index\":0,\"text\":" + JsonText.quote(text)
                    + ",\"logprobs\":null,\"finish_reason\":\"" + openAiFinish(g) + "\"}]" + usageField(g, g.tokens()) + "}";
            case OPENAI_CHAT -> body = openAiHead(g) + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + JsonText.quote(text) + "},\"logprobs\":null,\"finish_reason\":\"" + openAiFinish(g) + "\"}]"
                    + usageField(g, g.tokens()) + "}";
            case TGI_GENERATE, TGI_STREAM -> body = "{\"generated_text\":" + JsonText.quote(text)
                    + (g.details() && !g.has(Quirk.NO_USAGE) ? ",\"details\":" + tgiDetails(g) : "") + "}";
            default -> throw new IllegalStateException("unknown protocol " + g.protocol());
        }
        return utf8(body);
    }

    /** A JSON error body in the protocol's style. */
    public static byte[] error(Generation.Protocol protocol, int status, String message) {
        String body = switch (protocol) {
            case OLLAMA_GENERATE, OLLAMA_CHAT -> "{\"error\":" + JsonText.quote(message) + "}";
            case OPENAI_COMPLETIONS, OPENAI_CHAT -> "{\"error\":{\"message\":" + JsonText.quote(message)
                    + ",\"type\":\"" + (status == 429 ? "rate_limit_error" : "server_error") + "\",\"code\":" + status + "}}";
            case TGI_STREAM, TGI_GENERATE -> "{\"error\":" + JsonText.quote(message) + ",\"error_type\":\""
                    + (status == 429 ? "overloaded" : "generation") + "\"}";
        };
        return utf8(body);
    }

    private static String ollamaLine(Generation g, String quotedText, boolean done, OllamaTimings t) {
        StringBuilder line = new StringBuilder(160).append("{\"model\":").append(JsonText.quote(g.model()))
                .append(",\"created_at\":\"").append(g.createdAt()).append('"');
        if (g.protocol() == Generation.Protocol.OLLAMA_CHAT) {
            line.append(",\"message\":{\"role\":\"assistant\",\"content\":").append(quotedText).append('}');
        } else {
            line.append(",\"response\":").append(quotedText);
        }
        line.append(",\"done\":").append(done);
        if (done) {
            line.append(",\"done_reason\":\"").append(g.byLength() ? "length" : "stop").append('"');
            line.append(",\"total_duration\":").append(t.totalNanos())
                    .append(",\"load_duration\":").append(t.loadNanos());
            if (!g.has(Quirk.NO_USAGE)) {
                line.append(",\"prompt_eval_count\":").append(g.promptTokens());
            }
            line.append(",\"prompt_eval_duration\":").append(t.promptEvalNanos());
            if (!g.has(Quirk.NO_USAGE)) {
                line.append(",\"eval_count\":").append(g.tokens());
            }
            line.append(",\"eval_duration\":").append(t.evalNanos());
        }
        return line.append("}\n").toString();
    }

    private static void openAiChunk(Generation g, StringBuilder out, int first, int count, boolean last,
            OllamaTimings timings) {
        boolean chat = g.protocol() == Generation.Protocol.OPENAI_CHAT;
        StringBuilder text = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            String q = g.text().quoted(i);
            text.append(q, 1, q.length() - 1);
        }
        String quoted = "\"" + text + "\"";
        StringBuilder event = new StringBuilder(200).append(openAiHead(g)).append("\"choices\":[{\"index\":0,");
        if (chat) {
            boolean withRole = first == 0 && !g.has(Quirk.ROLE_ONLY_FIRST_CHUNK);
            event.append("\"delta\":{").append(withRole ? "\"role\":\"assistant\"," : "").append("\"content\":")
                    .append(quoted).append('}');
        } else {
            event.append("\"text\":").append(quoted);
        }
        event.append(",\"logprobs\":null,\"finish_reason\":").append(last ? "\"" + openAiFinish(g) + "\"" : "null")
                .append("}]");
        boolean usageNow = !g.has(Quirk.NO_USAGE)
                && (g.continuousUsage() || (last && g.has(Quirk.USAGE_UNASKED) && !g.includeUsage()));
        if (usageNow) {
            event.append(usageField(g, first + count).substring(0));
        }
        if (last && timings != null && g.has(Quirk.TIMINGS_IN_FINAL_CHUNK)) {
            event.append(llamaCppTimings(g, timings));
        }
        event.append('}');
        out.append(sse(g, event.toString()));
        if (last) {
            if (g.includeUsage() && !g.has(Quirk.NO_USAGE)) {
                out.append(sse(g, openAiHead(g) + "\"choices\":[]" + usageField(g, g.tokens()) + "}"));
            }
            if (!g.has(Quirk.NO_DONE_SENTINEL)) {
                out.append(sse(g, "[DONE]"));
            }
        }
    }

    /** llama.cpp's {@code timings} member, as its {@code llama-server} puts it in the final chunk. */
    private static String llamaCppTimings(Generation g, OllamaTimings t) {
        double promptMs = t.promptEvalNanos() / 1e6;
        double predictedMs = t.evalNanos() / 1e6;
        int promptN = g.promptTokens();
        int predictedN = g.tokens();
        return ",\"timings\":{\"prompt_n\":" + promptN + ",\"prompt_ms\":" + promptMs
                + ",\"prompt_per_token_ms\":" + promptMs / promptN
                + ",\"prompt_per_second\":" + (promptMs > 0 ? 1000.0 * promptN / promptMs : 0.0)
                + ",\"predicted_n\":" + predictedN + ",\"predicted_ms\":" + predictedMs
                + ",\"predicted_per_token_ms\":" + predictedMs / predictedN
                + ",\"predicted_per_second\":" + (predictedMs > 0 ? 1000.0 * predictedN / predictedMs : 0.0) + "}";
    }

    private static String usageField(Generation g, int completion) {
        if (g.has(Quirk.NO_USAGE)) {
            return "";
        }
        return ",\"usage\":{\"prompt_tokens\":" + g.promptTokens() + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (g.promptTokens() + completion) + "}";
    }

    private static String openAiHead(Generation g) {
        boolean chat = g.protocol() == Generation.Protocol.OPENAI_CHAT;
        return "{\"id\":\"" + (chat ? "chatcmpl-" : "cmpl-") + g.requestId() + "\",\"object\":\""
                + (chat ? "chat.completion.chunk" : "text_completion") + "\",\"created\":" + g.createdEpochSeconds()
                + ",\"model\":" + JsonText.quote(g.model()) + ",";
    }

    private static String openAiFinish(Generation g) {
        return g.byLength() ? "length" : "stop";
    }

    private static String tgiEvent(Generation g, int index, boolean last) {
        StringBuilder e = new StringBuilder(200).append("{\"index\":").append(index + 1)
                .append(",\"token\":{\"id\":").append(1000 + index).append(",\"text\":").append(g.text().quoted(index))
                .append(",\"logprob\":-0.25,\"special\":false},\"generated_text\":");
        if (last) {
            e.append(JsonText.quote(g.text().text(0, g.tokens())));
            e.append(",\"details\":").append(g.details() && !g.has(Quirk.NO_USAGE) ? tgiDetails(g) : "null");
        } else {
            e.append("null,\"details\":null");
        }
        return e.append('}').toString();
    }

    private static String tgiDetails(Generation g) {
        return "{\"finish_reason\":\"" + (g.byLength() ? "length" : "eos_token") + "\",\"generated_tokens\":"
                + g.tokens() + ",\"seed\":null,\"input_length\":" + g.promptTokens() + "}";
    }

    private static String sse(Generation g, String data) {
        String eol = g.has(Quirk.CRLF_LINE_ENDINGS) ? "\r\n" : "\n";
        String ping = g.has(Quirk.KEEPALIVE_COMMENTS) ? ": ping" + eol : "";
        return ping + "data: " + data + eol + eol;
    }

    private static String sseTgi(Generation g, String data) {
        String eol = g.has(Quirk.CRLF_LINE_ENDINGS) ? "\r\n" : "\n";
        String ping = g.has(Quirk.KEEPALIVE_COMMENTS) ? ":" + eol : "";
        return ping + "data:" + data + eol + eol;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

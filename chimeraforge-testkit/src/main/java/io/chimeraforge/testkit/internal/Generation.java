package io.chimeraforge.testkit.internal;

import io.chimeraforge.testkit.Quirk;
import java.util.Set;

/**
 * One parsed generation request and the response the mock will stream for it.
 *
 * @param protocol        wire protocol (from the endpoint)
 * @param stream          whether the response streams
 * @param model           model name from the request ("" when absent)
 * @param requestId       short id used in OpenAI ids
 * @param promptTokens    prompt length reported in usage (whitespace words, at least 1)
 * @param tokens          tokens the response will carry
 * @param byLength        whether generation stops at the requested limit (finish reason "length")
 * @param includeUsage    OpenAI {@code stream_options.include_usage}
 * @param continuousUsage vLLM {@code stream_options.continuous_usage_stats}
 * @param details         TGI {@code parameters.details}
 * @param quirks          server quirks in force
 * @param createdAt       ISO-8601 creation time for Ollama lines
 * @param createdEpochSeconds creation time for OpenAI chunks
 * @param text            the text of the response's tokens
 */
public record Generation(Protocol protocol, boolean stream, String model, String requestId,
        int promptTokens, int tokens, boolean byLength, boolean includeUsage, boolean continuousUsage,
        boolean details, Set<Quirk> quirks, String createdAt, long createdEpochSeconds, TokenText text) {

    /** The wire protocols the mock speaks. */
    public enum Protocol {
        /** Ollama {@code /api/generate}. */
        OLLAMA_GENERATE,
        /** Ollama {@code /api/chat}. */
        OLLAMA_CHAT,
        /** OpenAI {@code /v1/completions}. */
        OPENAI_COMPLETIONS,
        /** OpenAI {@code /v1/chat/completions}. */
        OPENAI_CHAT,
        /** TGI {@code /generate_stream}. */
        TGI_STREAM,
        /** TGI {@code /generate}. */
        TGI_GENERATE;

        /** Whether this protocol is one of the two chat endpoints. */
        public boolean chat() {
            return this == OLLAMA_CHAT || this == OPENAI_CHAT;
        }

        /** Whether the stream is server-sent events (otherwise NDJSON). */
        public boolean sse() {
            return this == OPENAI_COMPLETIONS || this == OPENAI_CHAT || this == TGI_STREAM;
        }
    }

    /** Whether a quirk is in force. */
    public boolean has(Quirk quirk) {
        return quirks.contains(quirk);
    }
}

package io.chimeraforge.testkit;

/**
 * Small deviations of real servers from their documented wire formats, which
 * {@link MockLlmServer} can imitate so clients are tested against them. None is on by default.
 */
public enum Quirk {
    /**
     * Chat endpoints (OpenAI {@code /v1/chat/completions}, Ollama {@code /api/chat}) open the
     * stream with a chunk carrying only the assistant role and no content, sent as soon as the
     * request holds a slot, before the scripted TTFT (vLLM does this). A client that takes it as
     * the first token under-reports TTFT by the whole prefill time.
     */
    ROLE_ONLY_FIRST_CHUNK,
    /** OpenAI streams carry {@code usage} in the final chunk even when not asked (llama.cpp). */
    USAGE_UNASKED,
    /** OpenAI streams end without {@code data: [DONE]} (llama.cpp's native endpoint). */
    NO_DONE_SENTINEL,
    /**
     * The server never reports token counts: no OpenAI {@code usage}, no TGI {@code details},
     * no Ollama {@code eval_count}; clients must fall back to counting chunks themselves.
     */
    NO_USAGE,
    /** SSE lines end with CRLF instead of LF. */
    CRLF_LINE_ENDINGS,
    /** An SSE comment line ({@code : ping}) precedes every event. */
    KEEPALIVE_COMMENTS,
    /**
     * Response headers are sent only when the request obtains a generation slot, instead of on
     * arrival; queueing then shows up in time-to-headers too.
     */
    HEADERS_ON_SLOT,
    /**
     * The server closes the connection right after each streamed answer, although the response
     * was HTTP/1.1 without {@code Connection: close} and so implied keep-alive (llama.cpp's
     * {@code llama-server} does this). A client that pools the connection and writes its next
     * request into it loses that request.
     */
    CLOSE_AFTER_STREAM,
    /**
     * The final chunk of an OpenAI-compatible stream carries llama.cpp's {@code timings} object:
     * {@code prompt_n}, {@code prompt_ms}, {@code prompt_per_token_ms}, {@code prompt_per_second},
     * {@code predicted_n}, {@code predicted_ms}, {@code predicted_per_token_ms},
     * {@code predicted_per_second} ({@code prompt_ms} is the script's TTFT, {@code predicted_ms}
     * the generation time, as in Ollama's timings).
     */
    TIMINGS_IN_FINAL_CHUNK
}

package io.chimeraforge.testkit;

/**
 * Scripts the text of {@link MockLlmServer}'s responses, e.g. a refusal for some prompts and a
 * compliant answer for others. Without a responder the mock streams a fixed multilingual
 * vocabulary.
 *
 * <p>The returned text is cut into tokens at word starts: each token is one run of whitespace
 * followed by the non-whitespace after it ({@code "I cannot help."} streams as {@code "I"},
 * {@code " cannot"}, {@code " help."}), so the concatenated stream is exactly the text. The token
 * count replaces the script's {@code outputTokens} as the natural length; a request asking for
 * fewer tokens gets a truncated text with finish reason {@code length}. An empty text is streamed
 * as one empty token. Timing still follows the {@link Script}.
 *
 * <p>Called on the server's connection threads, possibly concurrently: implementations must be
 * thread-safe. An exception thrown here answers the request with HTTP 500.
 */
@FunctionalInterface
public interface Responder {

    /**
     * The response text for one generation request.
     *
     * @param requestIndex 0-based index of the generation request at the server (as in {@link FaultPlan})
     * @param prompt       the request's prompt ({@code prompt}, {@code inputs}, or the chat messages'
     *                     contents joined with spaces)
     * @return the text to stream (not null)
     */
    String respond(long requestIndex, String prompt);
}

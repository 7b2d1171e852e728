package io.chimeraforge.testkit;

import java.util.OptionalLong;

/**
 * When {@link MockLlmServer} read one generation request and wrote its response, on the
 * {@link System#nanoTime()} clock of the server's JVM. A client in the same JVM can subtract its
 * own timestamps to split its measured TTFT into what the server spent and what the client added:
 * <ul>
 *   <li>send path = {@code requestReadNanos} − the client's send instant;</li>
 *   <li>server TTFT = {@code firstTokenWrittenNanos} − {@code requestReadNanos} (the script's TTFT
 *       plus any slot queueing, plus the server's wake-up lateness);</li>
 *   <li>receive path = the client's first-token arrival − {@code firstTokenWrittenNanos}.</li>
 * </ul>
 * Every write timestamp is taken immediately <em>before</em> the socket write of those bytes.
 *
 * @param generationIndex        0-based index of the generation request (as in {@link FaultPlan})
 * @param requestReadNanos       when the request, headers and body, had been fully read: the
 *                               earliest instant a real server could start prefill, and the origin
 *                               of the scripted TTFT when a slot is free
 * @param headersWrittenNanos    write of the response's status line and headers (for a
 *                               non-streamed response, of the whole response); empty if the
 *                               server never got that far (client gone, server closed)
 * @param firstTokenWrittenNanos write of the first event carrying generated content (a role-only
 *                               opening chunk does not count; for a non-streamed response, the
 *                               response); empty for error responses, stalls, and streams cut
 *                               before their first token
 * @param lastWriteNanos         the response's last write: the final event with the end of the
 *                               body, or the last write before a fault or disconnect ended it
 */
public record StreamTiming(long generationIndex, long requestReadNanos, OptionalLong headersWrittenNanos,
        OptionalLong firstTokenWrittenNanos, OptionalLong lastWriteNanos) {

    /** Validates that the optional fields are present (possibly empty). */
    public StreamTiming {
        if (headersWrittenNanos == null || firstTokenWrittenNanos == null || lastWriteNanos == null) {
            throw new IllegalArgumentException("StreamTiming fields must not be null");
        }
    }
}

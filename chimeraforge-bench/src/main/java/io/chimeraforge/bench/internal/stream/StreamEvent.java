package io.chimeraforge.bench.internal.stream;

/**
 * One framed event of a response stream: an SSE event (type and joined {@code data:} lines) or
 * one NDJSON line (type {@code "line"}).
 *
 * @param type         SSE event type ({@code "message"} when none was given) or {@code "line"}
 * @param data         event payload, decoded as UTF-8 only after the whole event arrived
 * @param arrivalNanos {@link System#nanoTime()} taken when the buffer holding the event's last
 *                     byte arrived, before any decoding
 */
public record StreamEvent(String type, String data, long arrivalNanos) {
}

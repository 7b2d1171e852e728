package io.chimeraforge.bench.internal.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.bench.ChunkArrival;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.internal.UrlRedaction;
import io.chimeraforge.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-request JSONL next to a result file: one flushed line per finished request, and one
 * line per range of open-loop arrivals cancelled before they were sent. Thread-safe.
 */
public final class RequestLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    private final BufferedWriter out;

    /**
     * Opens {@code path} (already checked by {@link io.chimeraforge.bench.internal.OutputTarget}) for
     * appending lines as requests finish; empty: a log that writes nothing.
     */
    public RequestLog(Optional<Path> path) throws IOException {
        if (path.isPresent()) {
            out = Files.newBufferedWriter(path.get(), StandardCharsets.UTF_8);
        } else {
            out = null;
        }
    }

    public synchronized void write(int configIndex, RequestTimeline t) {
        if (out == null) {
            return;
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("config_index", configIndex);
        line.put("request_index", t.index());
        line.put("warmup", t.warmup());
        line.put("instance", t.instance());
        line.put("ok", t.succeeded());
        t.error().ifPresent(e -> {
            line.put("error_kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
            line.put("error", UrlRedaction.redactText(e.message()));
        });
        long base = t.scheduledNanos();
        line.put("scheduled_ns", t.scheduledNanos());
        line.put("queue_ms", t.queueMs());
        line.put("sent_ms", (t.sentNanos() - base) / 1e6);
        t.headersNanos().ifPresent(v -> line.put("headers_ms", (v - base) / 1e6));
        t.firstChunkNanos().ifPresent(v -> line.put("first_chunk_ms", (v - base) / 1e6));
        t.firstTokenNanos().ifPresent(v -> line.put("first_token_ms", (v - base) / 1e6));
        t.lastTokenNanos().ifPresent(v -> line.put("last_token_ms", (v - base) / 1e6));
        line.put("end_ms", (t.endNanos() - base) / 1e6);
        line.put("output_tokens", t.outputTokens());
        line.put("token_source", t.tokenSource().name().toLowerCase(java.util.Locale.ROOT));
        t.promptTokens().ifPresent(v -> line.put("prompt_tokens", v));
        t.finishReason().ifPresent(v -> line.put("finish_reason", v));
        ArrayNode chunks = line.putArray("chunks");
        for (ChunkArrival c : t.chunks()) {
            chunks.addArray().add((c.arrivalNanos() - base) / 1e6).add(c.tokens());
        }
        append(line);
    }

    /** One line for arrivals cancelled in bulk before they were sent: {@code "cancelled_unsent": {"from", "to"}}. */
    public synchronized void writeUnsent(int configIndex, LoadDriver.UnsentRange range) {
        if (out == null) {
            return;
        }
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("config_index", configIndex);
        ObjectNode r = line.putObject("cancelled_unsent");
        r.put("from", range.from());
        r.put("to", range.to());
        line.put("error_kind", "cancelled");
        line.put("error", range.reason());
        append(line);
    }

    /** Appends one line and flushes it, so a run that dies keeps it. */
    private void append(ObjectNode line) {
        try {
            out.write(Json.mapper().writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // The run goes on; the summary file is still written at the end.
            LOG.warn("cannot write request log line", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}

package io.chimeraforge.bench.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.ServerTimings;
import io.chimeraforge.bench.internal.stream.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** llama.cpp reports its own prefill and decode times in the final chunk; they end up in ServerTimings. */
class ServerReportedTimingsTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ServerReportedTimingsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Decodes a whole OpenAI-compatible SSE stream, delivered in one read, into a finished timeline. */
    private static RequestTimeline decode(byte[] stream) {
        Recorder recorder = new Recorder(0, false, 0, 0, 0);
        EventDecoder decoder = Decoders.openAi();
        SseParser parser = new SseParser(event -> {
            try {
                decoder.onEvent(event, recorder);
            } catch (MalformedStreamException | ServerErrorException e) {
                throw new AssertionError(e);
            }
        });
        parser.feed(stream, 0, stream.length, 5);
        parser.finish();
        assertThat(decoder.complete(recorder)).isTrue();
        recorder.succeed(10);
        return recorder.result().join();
    }

    @Test
    void llamaCppTimingsInTheFinalChunkAreRecorded() throws Exception {
        RequestTimeline t = decode(fixture("llamacpp-chat-stream.sse"));
        assertThat(t.serverTimings()).contains(new ServerTimings(34_595_000, 0, 21_574_000, 13_021_000,
                OptionalInt.of(11), OptionalInt.of(2)));
        assertThat(t.serverTimings().get().serverTtftMs()).isEqualTo(21.574);
        assertThat(t.outputTokens()).isEqualTo(2);
    }

    @Test
    void aStreamWithoutTimingsHasNone() {
        RequestTimeline t = decode(("data: {\"choices\":[{\"index\":0,\"text\":\"hi\",\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(t.serverTimings()).isEmpty();
    }
}

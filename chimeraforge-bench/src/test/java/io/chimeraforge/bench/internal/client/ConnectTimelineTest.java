package io.chimeraforge.bench.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.WireRequest;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Quirk;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.StreamTiming;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection set-up is measured on its own and kept out of TTFT, which starts at the request's write. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectTimelineTest {

    private static final Duration SLOW_LOOKUP = Duration.ofMillis(200);
    private static final Duration LONG = Duration.ofSeconds(30);

    private static RequestTimeline generate(HttpTransport transport, BackendProtocol protocol, URI base, long index) {
        long now = System.nanoTime();
        Recorder recorder = new Recorder(index, false, 0, now, now);
        GenerationParams params = new GenerationParams("mock-model", "hello there", false, OptionalInt.of(4), false,
                java.util.OptionalDouble.empty(), java.util.OptionalLong.empty(), OptionalInt.empty(), Map.of(), false);
        WireRequest request = protocol.request(base, params);
        return new StreamingCall(protocol, recorder, System::nanoTime).run(transport, request, LONG, LONG);
    }

    @Test
    void aSlowConnectIsConnectTimeNotTtftAndAReusedConnectionSaysSo() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(20)).interTokenGap(Duration.ofMillis(1))
                .outputTokens(4).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).quirks(Quirk.TIMINGS_IN_FINAL_CHUNK).start();
             HttpTransport transport = HttpTransport.builder().connectTimeout(Duration.ofSeconds(10))
                     .resolver(host -> {
                         try {
                             Thread.sleep(SLOW_LOOKUP.toMillis()); // a slow DNS server
                         } catch (InterruptedException e) {
                             Thread.currentThread().interrupt();
                         }
                         return new InetAddress[] {InetAddress.getLoopbackAddress()};
                     }).build()) {
            URI base = URI.create("http://slow-dns.test:" + server.port());
            BackendProtocol protocol = BackendProtocol.forName("vllm");
            RequestTimeline first = generate(transport, protocol, base, 0);
            assertThat(first.error()).isEmpty();
            assertThat(first.connectionReused()).isFalse();
            assertThat(first.connectStartNanos()).isGreaterThanOrEqualTo(first.dispatchedNanos());
            assertThat(first.sentNanos() - first.connectStartNanos()).as("the lookup is connect time")
                    .isGreaterThanOrEqualTo(SLOW_LOOKUP.toNanos());
            assertThat(first.connectMs()).isGreaterThanOrEqualTo(SLOW_LOOKUP.toMillis());
            StreamTiming served = server.streamTimings().get(0);
            assertThat(served.requestReadNanos()).as("TTFT starts at the write, before the server read it")
                    .isGreaterThanOrEqualTo(first.sentNanos());
            assertThat(first.firstTokenNanos().getAsLong()).isGreaterThan(served.firstTokenWrittenNanos().getAsLong());
            assertThat(first.serverTimings()).hasValueSatisfying(t -> {
                assertThat(t.promptEvalNanos()).isEqualTo(Duration.ofMillis(20).toNanos());
                assertThat(t.evalTokens()).hasValue(4);
            });

            Thread.sleep(50); // past the pool's settle time
            RequestTimeline second = generate(transport, protocol, base, 1);
            assertThat(second.error()).isEmpty();
            assertThat(second.connectionReused()).isTrue();
            assertThat(server.streamTimings().get(1).requestReadNanos()).isGreaterThanOrEqualTo(second.sentNanos());
        }
    }
}

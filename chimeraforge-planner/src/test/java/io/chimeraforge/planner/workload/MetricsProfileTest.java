package io.chimeraforge.planner.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.chimeraforge.planner.workload.internal.PrometheusText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Prometheus-scrape profiles: spec planner-extensions §7.7 items 5–8, scraping over loopback. */
@Timeout(30)
class MetricsProfileTest {

    private static final String VLLM = """
            # HELP vllm:e2e_request_latency_seconds Histogram of end to end request latency in seconds.
            # TYPE vllm:e2e_request_latency_seconds histogram
            vllm:e2e_request_latency_seconds_bucket{model_name="m",le="1.0"} 500.0
            vllm:e2e_request_latency_seconds_bucket{model_name="m",le="5.0"} 1800.0
            vllm:e2e_request_latency_seconds_bucket{model_name="m",le="+Inf"} 2000.0
            vllm:e2e_request_latency_seconds_sum{model_name="m"} 4000.0
            vllm:e2e_request_latency_seconds_count{model_name="m"} 2000.0
            vllm:request_prompt_tokens_sum{model_name="m"} 906000.0
            vllm:request_prompt_tokens_count{model_name="m"} 2000.0
            vllm:request_generation_tokens_sum{model_name="m"} 288000.0
            vllm:request_generation_tokens_count{model_name="m"} 2000.0
            vllm:num_requests_running{model_name="m"} 14.0
            vllm:num_requests_waiting{model_name="m"} 3.0
            vllm:prefix_cache_queries{model_name="m"} 906000.0
            vllm:prefix_cache_hits{model_name="m"} 371460.0
            """;

    private final WorkloadProfiler profiler = WorkloadProfiler.builder().build();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static double value(WorkloadProfile p, ProfileKey key) {
        return p.field(key).orElseThrow().value();
    }

    @Test
    void vllmScrapeGivesMeansCacheRateGaugesAndAnEstimatedVarianceTerm() {
        WorkloadProfile p = profiler.fromMetrics(VLLM, "vllm", "metrics.txt", "0.11.0");
        assertThat(value(p, ProfileKey.PROMPT_TOKENS)).isEqualTo(453.0);
        assertThat(value(p, ProfileKey.OUTPUT_TOKENS)).isEqualTo(144.0);
        assertThat(value(p, ProfileKey.PREFIX_CACHE_HIT_RATE)).isEqualTo(0.41);
        assertThat(value(p, ProfileKey.PEAK_CONCURRENCY)).isEqualTo(14.0);
        assertThat(value(p, ProfileKey.QUEUE_DEPTH)).isEqualTo(3.0);
        assertThat(p.field(ProfileKey.QUEUE_DEPTH).orElseThrow().note()).contains("instantaneous");
        // buckets: 500 at 0.5, 1300 at 3.0, 200 at the open bucket's floor 5.0; mean 2.0
        double variance = (500 * 0.25 + 1300 * 9.0 + 200 * 25.0) / 2000 - 4.0;
        ProfileField cv2 = p.field(ProfileKey.WORKLOAD_CV2).orElseThrow();
        assertThat(cv2.value()).isEqualTo(io.chimeraforge.core.PyNumbers.round(variance / 4.0, 4));
        assertThat(cv2.provenance()).isEqualTo(ProfileField.ESTIMATED);
        assertThat(cv2.note()).contains("bucket");
        assertThat(p.sampleCount()).isEqualTo(2000);
        assertThat(p.engineVersion()).isEqualTo("0.11.0");
        assertThat(p.absent()).containsExactly(ProfileKey.REQUEST_RATE);
        assertThat(p.notes()).first().asString().contains("not a rate");
        assertThat(p.planInputs().requestRate()).isEmpty();
    }

    @Test
    void sglangPercentGaugeAndMissingHistograms() {
        String text = """
                sglang:num_running_reqs{model_name="m"} 22
                sglang:num_queue_reqs{model_name="m"} 5
                sglang:cache_hit_rate{model_name="m"} 38.5
                """;
        WorkloadProfile p = profiler.fromMetrics(text, "sglang", "s.txt", "unknown");
        assertThat(value(p, ProfileKey.PREFIX_CACHE_HIT_RATE)).isEqualTo(0.385);
        assertThat(value(p, ProfileKey.PEAK_CONCURRENCY)).isEqualTo(22.0);
        assertThat(value(p, ProfileKey.QUEUE_DEPTH)).isEqualTo(5.0);
        assertThat(p.absent()).containsExactly(ProfileKey.REQUEST_RATE, ProfileKey.PROMPT_TOKENS,
                ProfileKey.OUTPUT_TOKENS, ProfileKey.WORKLOAD_CV2);
        assertThat(p.notes()).contains("prompt_tokens: no metric not exposed by this sglang build");
    }

    @Test
    void failuresNameTheProblem() {
        assertThatThrownBy(() -> profiler.fromMetrics(VLLM, "tensorrt", "x", "unknown"))
                .isInstanceOf(WorkloadException.class).hasMessageStartingWith("unknown engine 'tensorrt'")
                .hasMessageEndingWith("Known engines: sglang, vllm");
        assertThatThrownBy(() -> profiler.fromMetrics(VLLM, "sglang", "m.txt", "unknown"))
                .hasMessage("no sglang: metrics in m.txt -- this does not look like a sglang endpoint."
                        + " Prefixes present: vllm:");
        assertThatThrownBy(() -> profiler.fromMetrics("# just a comment\n", "vllm", "c.txt", "unknown"))
                .hasMessage("no Prometheus samples parsed from c.txt");
        for (String engine : MetricNames.bundled().engineNames()) {
            EngineMetrics e = MetricNames.bundled().engine(engine).orElseThrow();
            assertThat(e.metrics().values()).allMatch(name -> name.startsWith(e.prefix()));
        }
        assertThat(MetricNames.bundled().engine("vllm").orElseThrow().metrics().values())
                .doesNotContain("vllm:gpu_cache_usage_perc", "vllm:time_per_output_token_seconds");
    }

    @Test
    void prometheusLinesParseAsTheReferenceReadsThem() {
        Map<String, List<PrometheusText.Sample>> s = PrometheusText.parse("""
                # a comment

                foo{a="1",b="two"} 3.5
                bare_metric 42
                x NaNish
                y 2
                foo{a="2"} 1e3
                stamped 1 1700000000000
                """);
        assertThat(s.get("foo")).containsExactly(new PrometheusText.Sample(Map.of("a", "1", "b", "two"), 3.5),
                new PrometheusText.Sample(Map.of("a", "2"), 1000.0));
        assertThat(s.get("bare_metric")).containsExactly(new PrometheusText.Sample(Map.of(), 42.0));
        assertThat(s).containsKey("y").doesNotContainKeys("x", "stamped");
    }

    @Test
    void aHistogramWhoseBucketVarianceIsNotPositiveHasNoCv2() {
        String text = """
                vllm:e2e_request_latency_seconds_bucket{le="1.0"} 900
                vllm:e2e_request_latency_seconds_bucket{le="+Inf"} 1000
                vllm:e2e_request_latency_seconds_sum 950
                vllm:e2e_request_latency_seconds_count 1000
                """;
        WorkloadProfile p = profiler.fromMetrics(text, "vllm", "h.txt", "unknown");
        assertThat(p.field(ProfileKey.WORKLOAD_CV2)).isEmpty();
        assertThat(p.absent()).contains(ProfileKey.WORKLOAD_CV2);
        assertThat(p.sampleCount()).isEqualTo(1000);
    }

    private URI serve(int status, byte[] body, CountDownLatch hold) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            try {
                if (hold != null) {
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().write("vllm:num_requests_running 1\n".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush();
                    hold.await();
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException | IOException e) {
                // the client gave up: nothing to do
            } finally {
                exchange.close();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    @Test
    void scrapesALiveEndpoint() throws IOException {
        URI url = serve(200, VLLM.getBytes(StandardCharsets.UTF_8), null);
        WorkloadProfile p = profiler.scrape(url, "vllm", "0.11.0");
        assertThat(p.source()).isEqualTo(url.toString());
        assertThat(value(p, ProfileKey.PROMPT_TOKENS)).isEqualTo(453.0);
    }

    @Test
    void scrapeFailuresAreOneClearError() throws IOException {
        URI error = serve(503, "down".getBytes(StandardCharsets.UTF_8), null);
        assertThatThrownBy(() -> profiler.scrape(error, "vllm", "x")).isInstanceOf(WorkloadException.class)
                .hasMessage("could not scrape " + error + ": HTTP 503");
        stop();

        URI big = serve(200, new byte[5000], null);
        WorkloadProfiler small = WorkloadProfiler.builder().maxMetricsBytes(1000).build();
        assertThatThrownBy(() -> small.scrape(big, "vllm", "x"))
                .hasMessage("could not scrape " + big + ": the response is larger than 1000 bytes");
        stop();

        CountDownLatch hold = new CountDownLatch(1);
        URI slow = serve(200, new byte[0], hold);
        WorkloadProfiler impatient = WorkloadProfiler.builder().scrapeTimeout(Duration.ofMillis(300)).build();
        try {
            assertThatThrownBy(() -> impatient.scrape(slow, "vllm", "x"))
                    .hasMessage("could not scrape " + slow + ": no complete answer within 300 ms");
        } finally {
            hold.countDown();
        }
        stop();

        URI closed = URI.create("http://127.0.0.1:" + freePort() + "/metrics");
        assertThatThrownBy(() -> profiler.scrape(closed, "vllm", "x"))
                .hasMessage("could not scrape " + closed + ": connection refused");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

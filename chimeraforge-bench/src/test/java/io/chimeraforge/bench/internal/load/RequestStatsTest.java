package io.chimeraforge.bench.internal.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.bench.ConfigResult;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Workload;
import io.chimeraforge.core.result.IndividualRun;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;

/**
 * The compact rows rebuild exactly the {@code individual_runs} entries the per-request
 * definition ({@link Aggregator#individual}) gives: same numbers, same added keys in the same order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestStatsTest {

    @ParameterizedTest
    @CsvSource({"OLLAMA", "VLLM", "TGI"})
    void rebuiltIndividualRunsEqualThePerRequestDefinition(Backend backend) {
        Script script = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ofMillis(1)).outputTokens(6).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(backend).baseUrl(server.baseUrl())
                    .workload(Workload.CONCURRENT).concurrency(3).runs(12).warmupRequests(0).build();
            ConfigResult c = BenchRunner.builder(config).captureGpu(false).build().run().configs().get(0);
            List<RequestTimeline> timelines = c.timelines();
            List<IndividualRun> runs = c.result().individualRuns();
            assertThat(runs).hasSize(12);
            for (int i = 0; i < timelines.size(); i++) {
                IndividualRun expected = Aggregator.individual(timelines.get(i), backend == Backend.OLLAMA);
                assertThat(runs.get(i)).isEqualTo(expected);
                assertThat(List.copyOf(runs.get(i).extra().keySet())).isEqualTo(List.copyOf(expected.extra().keySet()));
            }
        }
    }
}

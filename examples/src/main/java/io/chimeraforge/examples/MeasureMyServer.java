package io.chimeraforge.examples;

import io.chimeraforge.bench.ArrivalProcess;
import io.chimeraforge.bench.Backend;
import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.bench.Slo;
import io.chimeraforge.bench.Workload;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.StatSummary;
import java.util.OptionalDouble;

/**
 * Measures a live inference server the way traffic will hit it: Poisson arrivals at a fixed rate
 * (open loop, so a slow server cannot slow the arrivals down), streamed answers, and a verdict
 * against latency objectives — time to first token at p99 and goodput, the share of requests per
 * second that met every objective.
 *
 * <pre>{@code
 * mvn -q -pl examples -am compile exec:java -Dexec.mainClass=io.chimeraforge.examples.MeasureMyServer \
 *     -Dexec.args="vllm http://gpu-box:8000 meta-llama/Llama-3.1-8B-Instruct 4"
 * }</pre>
 */
public final class MeasureMyServer {

    /** Objectives: first token within 500 ms, 50 ms per output token after it. */
    static final Slo OBJECTIVES = new Slo(OptionalDouble.of(500), OptionalDouble.of(50), OptionalDouble.empty());

    private MeasureMyServer() {
    }

    /**
     * What the measurement says.
     *
     * @param ttftMs      time to first token, from send
     * @param tpotMs      time per output token after the first
     * @param goodputRps  requests per second that met every objective
     * @param attainment  share of requests that met every objective (failures count against it)
     * @param result      the whole result, as written to a result file
     */
    record Verdict(StatSummary ttftMs, StatSummary tpotMs, double goodputRps, double attainment, BenchResult result) {
        /** Whether at least 99% of requests met the objectives. */
        boolean holds() {
            return attainment >= 0.99;
        }
    }

    /** Arguments: {@code backend baseUrl model [rate req/s]}, e.g. {@code ollama http://localhost:11434 llama3.2:1b 2}. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: MeasureMyServer ollama|vllm|tgi BASE_URL MODEL [RATE]");
            System.exit(2);
        }
        Backend backend = Backend.fromId(args[0]);
        double rate = args.length > 3 ? Double.parseDouble(args[3]) : 2.0;
        Verdict v = measure(backend, args[1], args[2], rate, 100);
        System.out.printf("TTFT  p50 %.1f ms  p99 %.1f ms%n", v.ttftMs().p50(), v.ttftMs().p99());
        System.out.printf("TPOT  p50 %.1f ms  p99 %.1f ms%n", v.tpotMs().p50(), v.tpotMs().p99());
        System.out.printf("goodput %.2f req/s of %.2f offered; %.1f%% met the objectives%n", v.goodputRps(), rate,
                100 * v.attainment());
        System.out.println(v.holds() ? "HOLDS" : "DOES NOT HOLD at " + rate + " req/s");
        System.exit(v.holds() ? 0 : 1);
    }

    /** Offers {@code requests} Poisson arrivals at {@code rate} req/s (seeded) and judges them. */
    static Verdict measure(Backend backend, String baseUrl, String model, double rate, int requests) {
        BenchConfig config = BenchConfig.builder().backend(backend).baseUrl(baseUrl).model(model)
                .workload(Workload.SERVER).rate(rate).arrival(ArrivalProcess.POISSON).seed(7)
                .runs(requests).warmupRequests(2).maxTokens(128).slo(OBJECTIVES).build();
        BenchResult r = BenchRunner.of(config).run().results().get(0);
        return new Verdict(r.aggregate().clientTtftMs().orElseThrow(), r.aggregate().tpotMs().orElseThrow(),
                r.aggregate().goodputRps().orElse(0.0), r.aggregate().sloAttainment().orElse(0.0), r);
    }
}

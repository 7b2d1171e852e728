package io.chimeraforge.examples;

import io.chimeraforge.bench.Backend;
import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.refit.Refit;
import io.chimeraforge.planner.refit.RefitOutcome;
import io.chimeraforge.report.Report;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole loop in one process: measure a server, fold the measurement into the planner's corpus,
 * plan again, and write a report. A scripted {@link MockLlmServer} stands in for a vLLM server on
 * an RTX 4090, so the example runs anywhere; point {@link #loop} at a real server to do it for real.
 *
 * <ol>
 *   <li>plan llama3.2-3b on an RTX 4090 from the bundled corpus: its throughput is a bandwidth
 *       extrapolation of an RTX 4080 measurement;</li>
 *   <li>bench the server (60 requests, labelled with the GPU they ran on);</li>
 *   <li>refit: the measurement becomes the RTX 4090's row of the measured corpus in {@code cache};</li>
 *   <li>plan again: the vLLM FP16 candidate now carries the measured rate, labelled measured;</li>
 *   <li>write a self-contained HTML report of the run.</li>
 * </ol>
 *
 * <pre>{@code
 * mvn -q -pl examples -am compile exec:java -Dexec.mainClass=io.chimeraforge.examples.MeasureRefitPlan
 * }</pre>
 */
public final class MeasureRefitPlan {

    static final String MODEL = "llama3.2-3b";
    static final String GPU = "RTX 4090 24GB";

    private MeasureRefitPlan() {
    }

    /**
     * What the loop found.
     *
     * @param before   the vLLM FP16 candidate planned from the bundled corpus
     * @param after    the same candidate planned from the refitted corpus
     * @param measured the bench result folded in
     * @param refit    what the refit changed and its checks
     * @param report   the HTML report written
     */
    record Loop(Candidate before, Candidate after, BenchResult measured, RefitOutcome refit, Path report) {
    }

    /** Arguments: {@code [BASE_URL]} of a vLLM server serving llama3.2-3b; without one, a scripted mock. */
    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("chimeraforge-loop");
        if (args.length > 0) {
            print(loop(args[0], work));
            return;
        }
        Script script = Script.builder().ttft(Duration.ofMillis(15)).interTokenGap(Duration.ofMillis(6))
                .outputTokens(64).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).models(List.of(MODEL)).start()) {
            print(loop(server.baseUrl(), work));
        }
    }

    private static void print(Loop loop) {
        System.out.printf("before: %.1f tok/s (%s)%n", loop.before().singleStreamTps(),
                loop.before().provenance().throughput().id());
        System.out.printf("measured: %.1f tok/s over %d requests on %s%n",
                loop.measured().aggregate().throughputTps().mean(), loop.measured().runs(), GPU);
        System.out.printf("after:  %.1f tok/s (%s)%n", loop.after().singleStreamTps(),
                loop.after().provenance().throughput().id());
        System.out.println("corpus checks: " + loop.refit().validation().passedCount() + "/"
                + loop.refit().validation().checks().size() + " passed");
        System.out.println("report: " + loop.report());
    }

    /** Runs the loop against a vLLM-compatible server, keeping the corpus and report under {@code work}. */
    static Loop loop(String baseUrl, Path work) throws IOException {
        Path cache = work.resolve("cache");
        Candidate before = vllmFp16(Planner.builder().cacheDirectory(cache).build());

        BenchConfig config = BenchConfig.builder().backend(Backend.VLLM).baseUrl(baseUrl).model(MODEL).quant("FP16")
                .runs(60).warmupRequests(0).hardware(GPU).build();
        BenchResult measured = BenchRunner.of(config).run().results().get(0);

        RefitOutcome refit = Refit.builder().cacheDirectory(cache).results(List.of(measured)).build().run();
        if (!refit.validation().passed()) {
            throw new IllegalStateException("the refitted corpus fails its checks: " + refit.validation().toJson());
        }
        refit.writeTo(cache.resolve("fitted_models.json"));

        Candidate after = vllmFp16(Planner.builder().cacheDirectory(cache).build());
        Path report = work.resolve("report.html");
        io.chimeraforge.core.AtomicFiles.write(report, Report.builder().results(List.of(measured))
                .title(MODEL + " on " + GPU).build().html().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Loop(before, after, measured, refit, report);
    }

    private static Candidate vllmFp16(Planner planner) {
        PlanResult plan = planner.plan(PlanRequest.builder().model(MODEL).hardware(GPU).build());
        Optional<Candidate> found = plan.candidates().stream()
                .filter(c -> c.backend().id().equals("vllm") && c.quant().equals("FP16")).findFirst();
        return found.orElseThrow(() -> new IllegalStateException("no vLLM FP16 candidate for " + MODEL + " on " + GPU));
    }
}

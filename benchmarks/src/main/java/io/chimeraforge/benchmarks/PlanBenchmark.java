package io.chimeraforge.benchmarks;

import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.Parallelism;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Warm {@code Planner.plan} latency for the six scenarios of the reference's timing table.
 * Each call includes model resolution, the full search, ranking and (for the Pareto scenario)
 * the frontier.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
@State(Scope.Benchmark)
public class PlanBenchmark {

    @Param({"defaults", "8b-rtx4090-r2", "8b-h100-r16-budget5000", "1b-t4-nothing-fits", "70b-h100-tp-auto",
        "3b-rtx4090-pareto"})
    public String scenario;

    private Planner planner;
    private PlanRequest request;
    private boolean pareto;

    @Setup
    public void setUp() {
        planner = Planner.builder().build();
        PlanRequest.Builder b = PlanRequest.builder();
        switch (scenario) {
            case "defaults":
                break;
            case "8b-rtx4090-r2":
                b.modelSize("8b").hardware("RTX 4090 24GB").requestRate(2.0);
                break;
            case "8b-h100-r16-budget5000":
                b.modelSize("8b").hardware("H100 80GB").requestRate(16.0).budgetUsdPerMonth(5000);
                break;
            case "1b-t4-nothing-fits":
                b.modelSize("1b").hardware("T4 16GB");
                break;
            case "70b-h100-tp-auto":
                b.model(ModelSpec.builder("meta-llama/Llama-3.1-70B-Instruct").paramsB(70.55)
                                .architecture(80, 8, 128).hiddenSize(8192).build())
                        .hardware("H100 80GB").tensorParallel(Parallelism.AUTO);
                break;
            case "3b-rtx4090-pareto":
                b.modelSize("3b").hardware("RTX 4090 24GB");
                pareto = true;
                break;
            default:
                throw new IllegalArgumentException(scenario);
        }
        request = b.build();
    }

    @Benchmark
    public void plan(Blackhole sink) {
        PlanResult result = planner.plan(request);
        sink.consume(result.candidates());
        if (pareto) {
            sink.consume(result.frontier());
        } else if (result.candidates().isEmpty()) {
            sink.consume(result.whyNothingFit());
        }
    }
}

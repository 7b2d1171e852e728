package io.chimeraforge.benchmarks;

import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.planner.ManualOverrides;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ModelSources;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.fleet.FleetPlan;
import io.chimeraforge.planner.fleet.FleetPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Warm figures for the planner extensions: a four-type fleet ({@code plan --fleet}; about 100 plans
 * of probing) and a spec-cache hit of the model resolver (network off, so a miss would fail loudly).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
@State(Scope.Benchmark)
public class ExtensionsBenchmark {

    private FleetPlanner fleets;
    private PlanRequest workload;
    private List<Gpu> gpus;
    private ModelResolver cached;

    @Setup
    public void setUp() throws IOException {
        Planner planner = Planner.builder().build();
        fleets = FleetPlanner.of(planner);
        workload = PlanRequest.builder().modelSize("8b").budgetUsdPerMonth(1e9).qualityTarget(0).build();
        gpus = FleetPlanner.parse("H100 80GB,A100 80GB,L4 24GB,RTX 4090 24GB", GpuCatalog.bundled());
        Path cache = Files.createTempDirectory("cf-bench-cache");
        Files.createDirectories(cache.resolve("specs"));
        Files.writeString(cache.resolve("specs/acme_model-7b.json"), "{\"name\": \"acme/model-7b\", \"params_b\": 7.2,"
                + " \"n_layers\": 32, \"n_kv_heads\": 8, \"d_head\": 128, \"hidden_size\": 4096, \"source\": \"hf\","
                + " \"_captured_at\": \"" + java.time.LocalDate.now() + "\"}");
        cached = ModelResolver.withSources(ModelRegistry.bundled(),
                ModelSources.builder().network(false).cacheDirectory(cache).build());
    }

    @Benchmark
    public FleetPlan fleetOfFourTypes() {
        return fleets.plan(workload, gpus, 64);
    }

    @Benchmark
    public ModelResolver.Resolution resolverCacheHit() {
        return cached.resolve("acme/model-7b", ManualOverrides.NONE);
    }
}

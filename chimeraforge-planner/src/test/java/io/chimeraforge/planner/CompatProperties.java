package io.chimeraforge.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Corrected versus reference over random valid requests (any catalog GPU, a registry size class,
 * rate 0.05-50 req/s, context 512-32768, prompt 1-32768 and 16-2048 output tokens, any KV
 * precision, offload on or off, TP 1 or auto): for every configuration both behaviours produce,
 * only the fields planner-corrections.md lists may differ (memory, rates, latency, replicas and
 * what follows from them, the rig's TDP, offload, and the warnings that depend on those or on the
 * context guard), and the corrected VRAM never exceeds v0.30.0's.
 */
class CompatProperties {

    /** Warnings whose presence or numbers follow from a listed difference. */
    private static final List<String> MOVING_WARNINGS = List.of("peak sequence ", "utilisation > 70%", "requires ",
            "VRAM usage > 90%", "partial CPU offload", "throughput is a ", "duty cycle ", "PP=", "tensor-parallel TP=",
            "pipeline-parallel PP=");
    private static final List<String> SIZES = List.of("0.5b", "1b", "1.5b", "2b", "3b", "4b", "8b");

    private static Arbitrary<Double> logUniform(double min, double max) {
        return Arbitraries.integers().between(0, 1_000_000).withDistribution(RandomDistribution.uniform())
                .map(i -> Math.min(max, Math.max(min, min * Math.pow(max / min, i / 1e6))));
    }

    private static Arbitrary<Integer> logUniformInt(int min, int max) {
        return logUniform(min, max).map(x -> (int) Math.min(max, Math.max(min, Math.round(x))));
    }

    @Provide
    Arbitrary<PlanRequest> requests() {
        Arbitrary<String> gpus = Arbitraries.of(GpuCatalog.bundled().all().stream().map(Gpu::name).toList());
        Arbitrary<String> sizes = Arbitraries.of(SIZES);
        return net.jqwik.api.Combinators.combine(gpus, sizes, logUniform(0.05, 50), logUniformInt(512, 32768),
                        logUniformInt(1, 32768), logUniformInt(16, 2048), Arbitraries.of(KvPrecision.values()),
                        Arbitraries.of(false, true))
                .as((gpu, size, rate, context, prompt, tokens, kv, wide) -> PlanRequest.builder().hardware(gpu)
                        .modelSize(size).requestRate(rate).contextLength(context).promptTokens(prompt)
                        .avgTokens(tokens).kvPrecision(kv).allowOffload(wide).qualityTarget(0)
                        .budgetUsdPerMonth(1e7).latencySloMs(60000)
                        .tensorParallel(wide ? Parallelism.AUTO : Parallelism.of(1)).build());
    }

    private static String key(Candidate c) {
        return c.model() + "/" + c.quant() + "/" + c.backend().id() + "/tp" + c.tensorParallel() + "/pp"
                + c.pipelineParallel();
    }

    private static List<String> fixedWarnings(Candidate c) {
        return c.warnings().stream().filter(w -> MOVING_WARNINGS.stream().noneMatch(w::startsWith)).toList();
    }

    @Property(tries = 150)
    void onlyTheListedFieldsDifferAndCorrectedVramNeverExceedsReference(@ForAll("requests") PlanRequest request) {
        PlanResult reference = Plans.PLANNER.plan(request);
        PlanResult corrected = Plans.CORRECTED.plan(request);
        Map<String, Candidate> byKey = new HashMap<>();
        reference.candidates().forEach(c -> byKey.put(key(c), c));
        for (Candidate b : corrected.candidates()) {
            Candidate a = byKey.get(key(b));
            if (a == null) {
                continue; // a configuration only the corrected physics admits
            }
            String cell = key(b);
            assertThat(b.vramPerGpuGb()).as("vram %s", cell).isLessThanOrEqualTo(a.vramPerGpuGb());
            assertThat(b.quality()).as(cell).isEqualTo(a.quality());
            assertThat(b.qualityTier()).as(cell).isEqualTo(a.qualityTier());
            assertThat(b.refusalRate()).as(cell).isEqualTo(a.refusalRate());
            assertThat(b.rtsiRisk()).as(cell).isEqualTo(a.rtsiRisk());
            assertThat(b.paramsB()).as(cell).isEqualTo(a.paramsB());
            assertThat(b.activeParamsB()).as(cell).isEqualTo(a.activeParamsB());
            assertThat(b.modelSource()).as(cell).isEqualTo(a.modelSource());
            assertThat(b.decodeTokensPerRequest()).as(cell).isEqualTo(a.decodeTokensPerRequest());
            assertThat(b.prefillTokensEffective()).as(cell).isEqualTo(a.prefillTokensEffective());
            assertThat(b.tokensServedPerMonth()).as(cell).isEqualTo(a.tokensServedPerMonth());
            assertThat(b.ttftMs()).as(cell).isEqualTo(a.ttftMs());
            assertThat(b.eta()).as(cell).isEqualTo(a.eta());
            assertThat(b.provenance()).as(cell).isEqualTo(a.provenance()); // no approximated models here
            assertThat(fixedWarnings(b)).as(cell).isEqualTo(fixedWarnings(a));
            if (!request.hardware().equals("RTX 4080 12GB")) {
                assertThat(b.tdpWatts()).as(cell).isEqualTo(a.tdpWatts());
            }
        }
    }
}

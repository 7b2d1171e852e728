package io.chimeraforge.planner.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.planner.refit.internal.PowerLawFit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec's refit cases (bench-eval-report §7.5) and the corrected behaviour's differences. */
class RefitTest {

    @TempDir
    Path dir;

    /** A result as the reference writes it, {@code runs} runs each at {@code tps}, mean total {@code totalMs}. */
    static String result(String model, String backend, String quant, double tps, int runs, double totalMs,
                         String hardware) {
        StringBuilder individual = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            individual.append(i == 0 ? "" : ",").append("{\"throughput_tps\":").append(tps)
                    .append(",\"total_duration_ms\":").append(totalMs).append('}');
        }
        return "{\"model\":\"" + model + "\",\"backend\":\"" + backend + "\",\"quant\":"
                + (quant == null ? "null" : "\"" + quant + "\"") + ",\"runs\":" + runs
                + ",\"individual_runs\":[" + individual + "],\"aggregate\":{\"throughput_tps\":{\"mean\":" + tps
                + "},\"total_duration_ms\":{\"mean\":" + totalMs + "}}"
                + (hardware == null ? "" : ",\"hardware\":\"" + hardware + "\"") + "}";
    }

    static List<BenchResult> results(String... objects) throws IOException {
        return BenchResultFiles.parse("[" + String.join(",", objects) + "]");
    }

    static RefitOutcome refit(Compat compat, List<BenchResult> results) {
        return Refit.builder().compat(compat).measuredCorpus(false).results(results).build().run();
    }

    static JsonNode corpus(RefitOutcome outcome) throws IOException {
        return Json.mapper().readTree(outcome.corpusJson());
    }

    @Test
    void r10EndToEndOnTheBundledBaseReference() throws Exception {
        RefitOutcome outcome = refit(Compat.REFERENCE, results(
                result("llama3.2-3b", "ollama", "FP16", 100, 5, 1000, null),
                result("llama3.2-3b", "ollama", "Q4_K_M", 190, 5, 1000, null)));
        JsonNode summary = Json.mapper().readTree(outcome.summary().toJson(Compat.REFERENCE));
        assertEquals(2, summary.get("bench_results_loaded").asInt());
        assertEquals(2, summary.get("throughput_entries_updated").asInt());
        assertEquals(7, summary.get("quant_multipliers_updated").asInt());
        assertEquals(1, summary.get("service_times_updated").asInt());
        assertFalse(summary.get("power_law_refit").asBoolean());
        assertEquals(10, summary.get("total_runs").asInt());
        assertEquals(0.2, summary.get("confidence_weight").asDouble());
        assertEquals(1.0432317723312243, summary.get("hardware_offsets").get("llama3.2-3b|ollama").asDouble(), 1e-15);
        assertEquals(0, summary.get("warnings").size());
        assertEquals(9, summary.size(), "the reference's nine keys only");
        JsonNode t = corpus(outcome).get("throughput");
        assertEquals(96.27037863205067, t.get("lookup").get("llama3.2-3b|ollama|FP16").asDouble(), 1e-12);
        assertEquals(190.0, t.get("lookup").get("llama3.2-3b|ollama|Q4_K_M").asDouble());
        assertEquals(1018.784, corpus(outcome).get("latency").get("service_times").get("llama3.2-3b|ollama").asDouble(), 1e-9);
        // the reference writes its start values over the bundled fit
        assertEquals(100.0, t.get("size_power_a").asDouble());
        assertEquals(0.5, t.get("size_power_b").asDouble());
        assertTrue(outcome.validation().passed());
        assertEquals(10, outcome.validation().checks().size());
    }

    @Test
    void r10CorrectedKeepsTheBundledPowerLaw() throws Exception {
        RefitOutcome outcome = refit(Compat.CORRECTED, results(
                result("llama3.2-3b", "ollama", "FP16", 100, 5, 1000, null),
                result("llama3.2-3b", "ollama", "Q4_K_M", 190, 5, 1000, null)));
        JsonNode t = corpus(outcome).get("throughput");
        assertEquals(72.11010249423731, t.get("size_power_a").asDouble());
        assertEquals(0.08877472521007239, t.get("size_power_b").asDouble());
        assertFalse(outcome.summary().powerLawRefit());
        // Q4_K_M measured at 1.9 x FP16 over 5 runs: blended 0.1 of the way from the bundled value
        double bundled = FittedModels.bundled().throughput().quantMultipliers().get("Q4_K_M");
        assertEquals(0.9 * bundled + 0.1 * 1.9, t.get("quant_multipliers").get("Q4_K_M").asDouble(), 1e-12);
        assertEquals(5L, outcome.summary().quantMultiplierSamples().get("Q4_K_M"));
        assertTrue(outcome.summary().warnings().get(0).contains("no hardware label"), outcome.summary().warnings().toString());
        assertEquals(11, outcome.validation().checks().size());
        assertEquals("fits_measurements", outcome.validation().checks().get(10).name());
        assertTrue(outcome.validation().checks().get(10).passed(), outcome.validation().checks().get(10).actual());
        assertTrue(Json.mapper().readTree(outcome.corpusJson()).has("_provenance"), "the base's provenance is carried");
    }

    @Test
    void r09PowerLawMatchesTheSciPyOptimum() {
        var fit = PowerLawFit.fit(List.of(new PowerLawFit.Point(1.24, 146), new PowerLawFit.Point(1.54, 139),
                new PowerLawFit.Point(3.21, 95))).orElseThrow();
        assertEquals(164.32371705876398, fit.a(), 164.32371705876398 * 1e-4);
        assertEquals(0.45795531504393183, fit.b(), 0.45795531504393183 * 1e-4);
        double sse = 0;
        double[][] points = {{1.24, 146}, {1.54, 139}, {3.21, 95}};
        for (double[] p : points) {
            double r = fit.a() * Math.pow(p[0], -fit.b()) - p[1];
            sse += r * r;
        }
        assertEquals(27.50496, sse, 1e-4);
        // not the log-log regression's answer
        assertTrue(Math.abs(fit.a() - 165.2202) > 0.5);
    }

    @Test
    void r08FewerThanThreePointsGiveNoFit() {
        assertTrue(PowerLawFit.fit(List.of(new PowerLawFit.Point(1.24, 146))).isEmpty());
        assertTrue(PowerLawFit.fit(List.of()).isEmpty());
    }

    @Test
    void r02MultipliersAreMeanRatiosAndLevelsWithoutFp16AreLeftAlone() throws Exception {
        RefitOutcome pair = refit(Compat.REFERENCE, results(
                result("a", "b", "FP16", 100, 5, 100, null), result("a", "b", "Q4_K_M", 200, 5, 100, null),
                result("c", "b", "FP16", 50, 5, 100, null), result("c", "b", "Q4_K_M", 90, 5, 100, null)));
        assertEquals(1.9, corpus(pair).get("throughput").get("quant_multipliers").get("Q4_K_M").asDouble(), 1e-12);
        assertEquals(1.0, corpus(pair).get("throughput").get("quant_multipliers").get("FP16").asDouble());
        RefitOutcome alone = refit(Compat.REFERENCE, results(result("m", "b", "Q4_K_M", 190, 5, 100, null)));
        assertEquals(FittedModels.bundled().throughput().quantMultipliers().get("Q4_K_M"),
                corpus(alone).get("throughput").get("quant_multipliers").get("Q4_K_M").asDouble());
    }

    @Test
    void r04BlendWeightsComeFromEachKeysSuccessfulRuns() throws Exception {
        // existing 95.85597625783407; 50 runs replace it, 0 leave it
        RefitOutcome full = refit(Compat.REFERENCE, results(result("llama3.2-3b", "ollama", "FP16", 200, 50, 100, null)));
        assertEquals(200.0, corpus(full).get("throughput").get("lookup").get("llama3.2-3b|ollama|FP16").asDouble(), 1e-12);
        RefitOutcome quarter = refit(Compat.REFERENCE, results(
                result("llama3.2-3b", "ollama", "FP16", 200, 25, 100, null)));
        assertEquals(0.5 * 95.85597625783407 + 0.5 * 200,
                corpus(quarter).get("throughput").get("lookup").get("llama3.2-3b|ollama|FP16").asDouble(), 1e-12);
        // new keys take the measurement; base keys not measured are kept
        JsonNode lookup = corpus(refit(Compat.REFERENCE, results(result("new", "vllm", "FP16", 50, 1, 100, null))))
                .get("throughput").get("lookup");
        assertEquals(50.0, lookup.get("new|vllm|FP16").asDouble());
        assertEquals(95.85597625783407, lookup.get("llama3.2-3b|ollama|FP16").asDouble());
    }

    @Test
    void smallAndNoisySamplesAreWarnedAbout() throws Exception {
        String noisy = "{\"model\":\"m\",\"backend\":\"b\",\"quant\":\"FP16\",\"runs\":3,\"individual_runs\":["
                + "{\"throughput_tps\":10},{\"throughput_tps\":30},{\"throughput_tps\":20}],"
                + "\"aggregate\":{\"throughput_tps\":{\"mean\":20}}}";
        List<String> warnings = refit(Compat.REFERENCE, BenchResultFiles.parse(noisy)).summary().warnings();
        assertEquals(List.of("Only 3 runs -- results are preliminary (recommend >= 5)",
                "High CV (0.50) for m|FP16 -- results may be noisy"), warnings);
    }

    @Test
    void resultsLabelledWithAnotherGpuAreFiledUnderIt() throws Exception {
        RefitOutcome outcome = refit(Compat.CORRECTED, results(
                result("llama3.2-3b", "vllm", "FP16", 150, 60, 800, "RTX 4090 24GB")));
        JsonNode t = corpus(outcome).get("throughput");
        assertEquals(57.16010416666668, t.get("lookup").get("llama3.2-3b|vllm|FP16").asDouble(),
                "the reference GPU's figure is not overwritten");
        assertEquals(150.0, t.get("hardware_lookup").get("RTX 4090 24GB").get("llama3.2-3b|vllm|FP16").asDouble());
        assertEquals(150.0, outcome.corpus().throughput().measuredOn("RTX 4090 24GB", "llama3.2-3b", "vllm", "FP16")
                .getAsDouble());
        assertEquals(1, outcome.summary().hardwareRowsUpdated().get("RTX 4090 24GB"));
        assertTrue(outcome.validation().passed(), outcome.validation().toJson());
        // a second refit on that corpus blends with the row already there
        FittedModels once = outcome.corpus();
        RefitOutcome again = Refit.builder().base(once).results(results(
                result("llama3.2-3b", "vllm", "FP16", 100, 5, 800, "RTX 4090 24GB"))).build().run();
        assertEquals(0.9 * 150 + 0.1 * 100, again.corpus().throughput()
                .measuredOn("RTX 4090 24GB", "llama3.2-3b", "vllm", "FP16").getAsDouble(), 1e-12);
    }

    @Test
    void anUnknownGpuLabelIsRefusedWithTheCatalogsAnswer() throws Exception {
        List<BenchResult> labelled = results(result("m", "vllm", "FP16", 10, 5, 100, "Banana 9000"));
        RefitException e = assertThrows(RefitException.class, () -> refit(Compat.CORRECTED, labelled));
        assertTrue(e.getMessage().contains("Banana 9000"), e.getMessage());
    }

    @Test
    void ollamaTagsAreFiledUnderTheirRegistryNameAndKeepTheTag() throws Exception {
        RefitOutcome outcome = refit(Compat.CORRECTED, results(result("llama3.2:3b", "ollama", "Q4_K_M", 120, 10, 900,
                "RTX 4080 12GB")));
        assertTrue(corpus(outcome).get("throughput").get("lookup").has("llama3.2-3b|ollama|Q4_K_M"));
        assertEquals("llama3.2-3b", outcome.summary().modelAliases().get("llama3.2:3b"));
        RefitOutcome reference = refit(Compat.REFERENCE, results(result("llama3.2:3b", "ollama", "Q4_K_M", 120, 10, 900,
                null)));
        assertTrue(corpus(reference).get("throughput").get("lookup").has("llama3.2:3b|ollama|Q4_K_M"));
    }

    @Test
    void r11ValidatorFlagsEachBrokenRule() {
        String valid = "{\"throughput\": {\"lookup\": {\"m|b|FP16\": 95}, \"quant_multipliers\": {\"FP16\": 1.0,"
                + " \"Q8_0\": 1.1, \"Q6_K\": 1.3, \"Q5_K_M\": 1.5, \"Q4_K_M\": 1.7, \"Q3_K_S\": 2.0, \"Q2_K\": 2.3},"
                + " \"size_power_a\": 100, \"size_power_b\": 0.5}, \"latency\": {\"service_times\": {\"m|b\": 500},"
                + " \"safety_factor\": 0.7}, \"vram\": {\"overhead_factor\": 1.1}}";
        CorpusValidation ok = CorpusValidation.ofJson(valid);
        assertTrue(ok.passed());
        assertEquals(0, ok.failedCount());
        assertEquals(10, ok.checks().size());
        CorpusValidation negative = CorpusValidation.ofJson(valid.replace("\"m|b|FP16\": 95", "\"m|b|FP16\": 95, \"x|b|FP16\": -1"));
        assertEquals(List.of("throughput_positive"), failed(negative));
        assertEquals("1 non-positive entries", negative.checks().get(0).actual());
        CorpusValidation half = CorpusValidation.ofJson(valid.replace("\"FP16\": 1.0", "\"FP16\": 0.5"));
        assertEquals(List.of("quant_fp16_is_one"), failed(half));
        assertEquals("FP16 = 0.5", half.checks().get(8).actual());
        CorpusValidation empty = CorpusValidation.ofJson("{}");
        assertEquals(List.of("power_law_reasonable", "throughput_not_empty", "quant_fp16_is_one", "latency_has_entries"),
                failed(empty));
        assertEquals("FP16 missing", empty.checks().get(8).actual());
    }

    private static List<String> failed(CorpusValidation validation) {
        List<String> names = new ArrayList<>();
        validation.checks().stream().filter(c -> !c.passed()).forEach(c -> names.add(c.name()));
        return names;
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldCorpusIntact() throws Exception {
        Path file = dir.resolve("fitted_models.json");
        String old = FittedModels.bundled().toJson();
        Files.writeString(file, old);
        RefitOutcome outcome = refit(Compat.CORRECTED, results(result("m", "vllm", "FP16", 10, 5, 100, null)));
        RefitException e = assertThrows(RefitException.class, () -> outcome.writeTo(file, out -> new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 1000) {
                    throw new IOException("disk full");
                }
                out.write(b);
            }
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(old, Files.readString(file), "the previous corpus is untouched");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("fitted_models.json", "fitted_models.json.bak"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aWriteKeepsTheReplacedCorpusAsABackup() throws Exception {
        Path file = dir.resolve("cache").resolve("fitted_models.json");
        RefitOutcome first = refit(Compat.CORRECTED, results(result("m", "vllm", "FP16", 10, 5, 100, null)));
        assertTrue(first.writeTo(file).isEmpty(), "nothing replaced, no backup");
        RefitOutcome second = Refit.builder().cacheDirectory(file.getParent())
                .results(results(result("n", "vllm", "FP16", 20, 5, 100, null))).build().run();
        assertTrue(second.corpus().throughput().lookup().containsKey("m|vllm|FP16"),
                "a corrected refit starts from the measured corpus, so refits accumulate");
        Path backup = second.writeTo(file).orElseThrow();
        assertEquals(first.corpusJson(), Files.readString(backup));
        assertEquals(second.corpusJson(), Files.readString(file));
    }

    @Test
    void anInvalidMeasuredCorpusIsNotOverwrittenSilently() throws Exception {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("fitted_models.json"), "{not json");
        RefitException e = assertThrows(RefitException.class, () -> Refit.builder().cacheDirectory(cache)
                .results(results(result("m", "vllm", "FP16", 10, 5, 100, null))).build());
        assertTrue(e.getMessage().contains("invalid"), e.getMessage());
    }

    @Test
    void missingAndMalformedResultFilesAreNamed() throws Exception {
        RefitException missing = assertThrows(RefitException.class,
                () -> Refit.readResults(List.of(dir.resolve("nope.json"))));
        assertEquals("bench file '" + dir.resolve("nope.json") + "' not found.", missing.getMessage());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"model\": ");
        RefitException malformed = assertThrows(RefitException.class, () -> Refit.readResults(List.of(bad)));
        assertTrue(malformed.getMessage().startsWith("failed to read bench file(s): "), malformed.getMessage());
        assertThrows(RefitException.class, () -> Refit.resultFilesIn(bad));
    }

    @Test
    void defaultOutputIsTheMeasuredCorpusUnlessReference() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/c/fitted_models.json"), Refit.defaultOutput(Compat.CORRECTED, Path.of("/c"), null, home));
        assertEquals(Path.of("/home/u/.local/share/chimeraforge/fitted_models.json"),
                Refit.defaultOutput(Compat.REFERENCE, Path.of("/c"), null, home));
        assertEquals(Path.of("/x/chimeraforge/fitted_models.json"),
                Refit.defaultOutput(Compat.REFERENCE, Path.of("/c"), "/x", home));
    }

    @Test
    void resultsMeasuredUnderLoadDoNotLowerTheSingleStreamRows() throws Exception {
        String batch = result("llama3.2-3b", "ollama", "FP16", 40, 20, 3000, null)
                .replace("\"runs\":20", "\"workload\":\"batch\",\"runs\":20");
        String sweepPoint = result("llama3.2-3b", "ollama", "FP16", 30, 20, 3000, null)
                .replace("\"runs\":20", "\"load\":{\"mode\":\"single\",\"concurrency\":4},\"runs\":20");
        String single = result("llama3.2-3b", "ollama", "FP16", 100, 50, 1000, null);
        RefitOutcome corrected = refit(Compat.CORRECTED, results(single, batch, sweepPoint));
        assertEquals(100.0, corpus(corrected).get("throughput").get("lookup").get("llama3.2-3b|ollama|FP16").asDouble(),
                1e-12, "only the single-stream result is folded");
        assertTrue(corrected.summary().warnings().stream().anyMatch(w -> w.startsWith("2 result(s) measured under"
                + " concurrent load (workload batch, single)")), corrected.summary().warnings().toString());
        assertEquals(90, corrected.summary().totalRuns(), "every attempted run is still counted");
        // the reference folds them all: the last result of a key wins, weighted by all 90 runs (w = 1)
        RefitOutcome reference = refit(Compat.REFERENCE, results(single, batch, sweepPoint));
        assertEquals(30.0, corpus(reference).get("throughput").get("lookup").get("llama3.2-3b|ollama|FP16").asDouble());
    }
}

package io.chimeraforge.planner.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.corpus.MeasuredCorpus;
import io.chimeraforge.core.result.BenchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec ext §8.6 items 1, 2, 6 and 7, and the corrected behaviour's hardware keying (corrections e1). */
class MeasureFoldTest {

    @TempDir
    Path cache;

    private static BenchResult result(String model, String quant, double tps, String hardware) throws Exception {
        return RefitTest.results(RefitTest.result(model, "ollama", quant, tps, 5, 1200.0, hardware)).get(0);
    }

    private RefitOutcome foldAndWrite(Compat compat, BenchResult result, Double s) {
        MeasureFold.Builder b = MeasureFold.builder().compat(compat).result(result).cacheDirectory(cache).version("9.9.9");
        if (s != null) {
            b.serialFraction(s);
        }
        RefitOutcome outcome = b.build().run();
        outcome.writeTo(MeasuredCorpus.file(cache));
        return outcome;
    }

    private JsonNode written() throws Exception {
        return io.chimeraforge.core.Json.mapper().readTree(Files.readString(MeasuredCorpus.file(cache)));
    }

    @Test
    void serialFractionFromEtaMatchesTheSpecValues() {
        assertEquals(0.6667, MeasureFold.serialFractionFromEta(0.5, 4), 1e-4);
        assertEquals(1.0, MeasureFold.serialFractionFromEta(1.0, 4), 1e-12);
        assertEquals(0.0, MeasureFold.serialFractionFromEta(0.2, 4), 0.0);
        assertEquals(1.0, MeasureFold.serialFractionFromEta(0.3, 1), 0.0);
        assertEquals(1.0, MeasureFold.serialFractionFromEta(0.0, 4), 0.0);
        // inverting the planner's law: eta(N) = 1/(s + (1-s)N) at s = 0.25, N = 8
        double eta = 1 / (0.25 + 0.75 * 8);
        assertEquals(0.25, MeasureFold.serialFractionFromEta(eta, 8), 1e-12);
    }

    @Test
    void aFiveRunFoldRecordsTheRowAndTheSerialFraction() throws Exception {
        foldAndWrite(Compat.CORRECTED, result("qwen3:14b", "Q4_K_M", 41.8, null), 0.71);
        JsonNode corpus = written();
        assertEquals(41.8, corpus.path("throughput").path("lookup").path("qwen3:14b|ollama|Q4_K_M").asDouble(), 0.0);
        assertEquals(0.71, corpus.path("scaling").path("serial_fractions").path("qwen3:14b|ollama").asDouble(), 0.0);
        assertTrue(corpus.path("scaling").path("fitted").asBoolean());
        assertEquals("9.9.9", corpus.path(MeasureFold.VERSION_KEY).asText());
        // the planner's reader accepts the stamped corpus and sees the row
        FittedModels read = FittedModels.read(MeasuredCorpus.file(cache));
        assertEquals(41.8, read.throughput().lookup().get("qwen3:14b|ollama|Q4_K_M"), 0.0);
        assertEquals(0.71, read.scaling().serialFractions().get("qwen3:14b|ollama"), 0.0);
    }

    @Test
    void successiveFoldsAccumulateInTheMeasuredCorpus() throws Exception {
        foldAndWrite(Compat.CORRECTED, result("a:1b", "Q8_0", 50.0, null), null);
        foldAndWrite(Compat.CORRECTED, result("b:3b", "Q8_0", 30.0, null), null);
        JsonNode lookup = written().path("throughput").path("lookup");
        assertEquals(50.0, lookup.path("a:1b|ollama|Q8_0").asDouble(), 0.0);
        assertEquals(30.0, lookup.path("b:3b|ollama|Q8_0").asDouble(), 0.0);
        assertTrue(Files.isRegularFile(cache.resolve("fitted_models.json.bak")));
    }

    @Test
    void successiveFoldsAccumulateUnderTheReferenceBehaviourToo() throws Exception {
        foldAndWrite(Compat.REFERENCE, result("a:1b", "Q8_0", 50.0, null), null);
        foldAndWrite(Compat.REFERENCE, result("b:3b", "Q8_0", 30.0, null), null);
        JsonNode lookup = written().path("throughput").path("lookup");
        assertTrue(lookup.has("a:1b|ollama|Q8_0"));
        assertTrue(lookup.has("b:3b|ollama|Q8_0"));
    }

    @Test
    void withoutScalingNoSerialFractionIsWritten() throws Exception {
        foldAndWrite(Compat.CORRECTED, result("qwen3:14b", "Q4_K_M", 41.8, null), null);
        assertFalse(written().path("scaling").path("serial_fractions").has("qwen3:14b|ollama"));
    }

    @Test
    void powerLawIsKeptWhenCorrectedAndResetUnderTheReference() throws Exception {
        FittedModels.Throughput bundled = FittedModels.bundled().throughput();
        foldAndWrite(Compat.CORRECTED, result("qwen3:14b", "Q4_K_M", 41.8, null), 0.71);
        JsonNode throughput = written().path("throughput");
        assertEquals(bundled.sizePowerA(), throughput.path("size_power_a").asDouble(), 0.0);
        assertEquals(bundled.sizePowerB(), throughput.path("size_power_b").asDouble(), 0.0);

        Files.delete(MeasuredCorpus.file(cache));
        foldAndWrite(Compat.REFERENCE, result("qwen3:14b", "Q4_K_M", 41.8, null), 0.71);
        throughput = written().path("throughput");
        assertEquals(100.0, throughput.path("size_power_a").asDouble(), 0.0);
        assertEquals(0.5, throughput.path("size_power_b").asDouble(), 0.0);
    }

    @Test
    void aHardwareLabelledResultIsFiledUnderItsGpu() throws Exception {
        foldAndWrite(Compat.CORRECTED, result("qwen3:14b", "Q4_K_M", 90.0, "RTX 4090 24GB"), 0.5);
        JsonNode throughput = written().path("throughput");
        assertEquals(90.0, throughput.path("hardware_lookup").path("RTX 4090 24GB").path("qwen3:14b|ollama|Q4_K_M")
                .asDouble(), 0.0);
        assertFalse(throughput.path("lookup").has("qwen3:14b|ollama|Q4_K_M"));
    }

    @Test
    void anOllamaTagIsFiledUnderItsRegistryNameWithItsSerialFraction() throws Exception {
        RefitOutcome outcome = foldAndWrite(Compat.CORRECTED, result("qwen2.5:0.5b", "Q4_K_M", 120.0, null), 0.4);
        JsonNode corpus = written();
        assertEquals(120.0, corpus.path("throughput").path("lookup").path("qwen2.5-0.5b|ollama|Q4_K_M").asDouble(), 0.0);
        assertEquals(0.4, corpus.path("scaling").path("serial_fractions").path("qwen2.5-0.5b|ollama").asDouble(), 0.0);
        assertEquals("qwen2.5-0.5b|ollama", MeasureFold.scalingKey(outcome.summary(),
                result("qwen2.5:0.5b", "Q4_K_M", 120.0, null)));
    }

    @Test
    void anInvalidMeasuredCorpusIsRefusedInBothBehaviours() throws Exception {
        assertFalse(MeasureFold.checkCorpus(cache));
        Files.writeString(MeasuredCorpus.file(cache), "{not json");
        for (Compat compat : Compat.values()) {
            RefitException e = assertThrows(RefitException.class, () -> MeasureFold.builder().compat(compat)
                    .result(result("qwen3:14b", "Q4_K_M", 41.8, null)).cacheDirectory(cache).build().run());
            assertTrue(e.getMessage().contains("the measured corpus cannot be updated"), e.getMessage());
        }
    }

    @Test
    void refusesASerialFractionOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> MeasureFold.builder().serialFraction(1.5));
        assertThrows(IllegalArgumentException.class, () -> MeasureFold.builder().serialFraction(Double.NaN));
    }
}

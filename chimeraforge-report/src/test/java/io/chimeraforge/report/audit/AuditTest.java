package io.chimeraforge.report.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {

    private static final String TWO_CELLS = "{\"hardware\":\"RTX 4080 12GB\",\"registered_at\":\"2026-08-19\",\"cells\":["
            + "{\"model\":\"llama3.2-1b\",\"quant\":\"FP16\",\"backend\":\"ollama\"},"
            + "{\"model\":\"llama3.2-3b\",\"quant\":\"Q4_K_M\",\"backend\":\"ollama\"}]}";

    @Test
    void fingerprintMatchesTheReferenceAndIgnoresOrderAndNotes() {
        ValidationMatrix m = ValidationMatrix.parse(TWO_CELLS);
        assertThat(m.fingerprint()).isEqualTo("ee0d7380fb850bc26b958b71fc054fecf1ebfb881d25fb0a614c1982ecce9c89");
        String swapped = "{\"notes\":\"x\",\"hardware\":\"RTX 4080 12GB\",\"registered_at\":\"2026-08-19\",\"cells\":["
                + "{\"model\":\"llama3.2-3b\",\"quant\":\"Q4_K_M\",\"backend\":\"ollama\"},"
                + "{\"model\":\"llama3.2-1b\",\"quant\":\"FP16\",\"backend\":\"ollama\"}]}";
        assertThat(ValidationMatrix.parse(swapped).fingerprint()).isEqualTo(m.fingerprint());
        assertThat(ValidationMatrix.parse(TWO_CELLS.replace("FP16", "Q2_K")).fingerprint()).isNotEqualTo(m.fingerprint());
        assertThat(ValidationMatrix.parse(TWO_CELLS.replace("RTX 4080 12GB", "H100 80GB")).fingerprint())
                .isNotEqualTo(m.fingerprint());
        assertThat(m.cells().get(0).key()).isEqualTo("llama3.2-1b|FP16|ollama|c2048|p512|o128|b1");
    }

    @Test
    void validationErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> ValidationMatrix.parse("{\"hardware\":\"x\",\"cells\":[]}"))
                .hasMessage("matrix is missing required field 'registered_at'");
        assertThatThrownBy(() -> ValidationMatrix.parse(TWO_CELLS.replace("2026-08-19", "last tuesday")))
                .hasMessageContaining("ISO date");
        assertThatThrownBy(() -> ValidationMatrix.parse("{\"hardware\":\"x\",\"registered_at\":\"2026-01-01\",\"cells\":[]}"))
                .hasMessageContaining("no cells");
        assertThatThrownBy(() -> ValidationMatrix.parse(TWO_CELLS.replace("llama3.2-3b", "llama3.2-1b").replace("Q4_K_M", "FP16")))
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> ValidationMatrix.parse(TWO_CELLS.replace("\"quant\":\"FP16\",", "")))
                .hasMessageContaining("cell is missing required field 'quant'");
        assertThatThrownBy(() -> ValidationMatrix.read(dir.resolve("none.json"))).hasMessageContaining("not found");
        assertThatThrownBy(() -> ValidationMatrix.parse("{")).hasMessageContaining("not valid JSON");
    }

    @Test
    void classifyAndRelativeError() {
        assertThat(ProvenanceClass.classify("measured", 1, 1)).isEqualTo(ProvenanceClass.MEASURED_LOOKUP);
        assertThat(ProvenanceClass.classify("estimated", 1, 1)).isEqualTo(ProvenanceClass.ROOFLINE_ESTIMATE);
        assertThat(ProvenanceClass.classify(null, 1, 1)).isEqualTo(ProvenanceClass.ROOFLINE_ESTIMATE);
        assertThat(ProvenanceClass.classify("measured", 4, 1)).isEqualTo(ProvenanceClass.PARALLEL_ESTIMATE);
        assertThat(ProvenanceClass.classify("measured", 1, 2)).isEqualTo(ProvenanceClass.PARALLEL_ESTIMATE);
        assertThat(ProvenanceClass.LEAD.id()).isEqualTo("roofline-estimate");
        assertThat(AuditCell.relativeError(110.0, 100.0).getAsDouble()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(AuditCell.relativeError(90.0, 100.0).getAsDouble()).isCloseTo(-0.10, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(AuditCell.relativeError(10.0, 0.0)).isEmpty();
        assertThat(AuditCell.relativeError(10.0, null)).isEmpty();
    }

    /** Cells with the given throughput errors, measured 100 each, in the roofline class. */
    private static List<AuditCell> cells(double... errors) {
        List<AuditCell> out = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            MatrixCell cell = new MatrixCell("m" + i, "FP16", "ollama", 2048, 512, 128, 1);
            out.add(AuditCell.joined(cell, ProvenanceClass.ROOFLINE_ESTIMATE,
                    Map.of("throughput_tps", 100.0 * (1 + errors[i])), Map.of("throughput_tps", 100.0)));
        }
        return out;
    }

    @Test
    void scoringMatchesTheReferenceRun() {
        List<ScoreRow> rows = Audit.score(cells(0.1, -0.2, 0.3, 0.05, -0.5, 0.12));
        assertThat(rows).hasSize(1);
        ScoreRow r = rows.get(0);
        assertThat(r.n()).isEqualTo(6);
        assertThat(Audit.round(r.mape(), 4)).isEqualTo(0.2117);
        assertThat(Audit.round(r.medianSigned(), 4)).isEqualTo(0.075);
        assertThat(Audit.round(r.p90Abs(), 4)).isEqualTo(0.3);
        assertThat(r.worstCell()).startsWith("m4|");
        assertThat(Audit.round(r.worstError(), 4)).isEqualTo(-0.5);
        assertThat(r.underpowered()).isFalse();
        // The report module's accuracy statistics over the same pairs: MAPE agrees with the mean |error|.
        assertThat(r.accuracy().mape()).isCloseTo(r.mape(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.accuracy().nSamples()).isEqualTo(6);
    }

    @Test
    void scoringEdgeCases() {
        ScoreRow pm = Audit.score(cells(0.2, -0.2)).get(0);
        assertThat(Audit.round(pm.mape(), 4)).isEqualTo(0.2);
        assertThat(Audit.round(pm.medianSigned(), 4)).isEqualTo(0.0);
        ScoreRow worst = Audit.score(cells(0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, -0.9)).get(0);
        assertThat(worst.worstCell()).startsWith("m9|");
        assertThat(Audit.round(worst.worstError(), 4)).isEqualTo(-0.9);
        assertThat(Audit.score(cells(0.1)).get(0).underpowered()).isTrue();
        assertThat(Audit.score(cells(0.1, 0.1, 0.1, 0.1, 0.1)).get(0).underpowered()).isFalse();
        MatrixCell cell = new MatrixCell("s", "FP16", "ollama", 2048, 512, 128, 1);
        assertThat(Audit.score(List.of(AuditCell.skipped(cell, ProvenanceClass.UNKNOWN, Map.of(), "prediction failed")))).isEmpty();
        assertThat(Audit.score(List.of(AuditCell.joined(cell, ProvenanceClass.ROOFLINE_ESTIMATE,
                Map.of("throughput_tps", 5.0), Map.of())))).isEmpty();
    }

    @Test
    void markdownLeadsWithTheOutOfSampleClass() {
        ValidationMatrix m = ValidationMatrix.parse(TWO_CELLS);
        List<AuditCell> joined = List.of(
                AuditCell.joined(m.cells().get(0), ProvenanceClass.MEASURED_LOOKUP,
                        Map.of("throughput_tps", 146.3), Map.of("throughput_tps", 100.0)),
                AuditCell.joined(m.cells().get(1), ProvenanceClass.ROOFLINE_ESTIMATE,
                        Map.of("throughput_tps", 90.0), Map.of("throughput_tps", 100.0)),
                AuditCell.skipped(new MatrixCell("x", "FP16", "vllm", 2048, 512, 128, 1), ProvenanceClass.UNKNOWN,
                        Map.of(), "no measurement for this cell"));
        String md = Audit.of(m, joined, LocalDate.of(2026, 9, 1)).toMarkdown();
        assertThat(md.indexOf("roofline-estimate")).isLessThan(md.indexOf("measured-lookup"));
        assertThat(md).contains("prediction-vs-measured", "is** the prediction", "x|FP16|vllm", "2026-08-19",
                "fingerprint", "optimistic", "anecdote");
        String json = Audit.of(m, joined, LocalDate.of(2026, 9, 1)).toJson();
        assertThat(json).contains("\"matrix_fingerprint\" : \"ee0d7380", "\"lead_class\" : \"roofline-estimate\"",
                "\"throughput_tps\" : 0.463");
    }

    @Test
    void loadingMeasurements(@TempDir Path dir) throws Exception {
        Map<String, Map<String, Double>> bare = Measurements.parse("{\"k\": {\"throughput_tps\": 100.0}}");
        assertThat(bare).containsEntry("k", Map.of("throughput_tps", 100.0));
        ValidationMatrix m = ValidationMatrix.parse(TWO_CELLS);
        String previous = Audit.of(m, List.of(AuditCell.joined(m.cells().get(0), ProvenanceClass.MEASURED_LOOKUP,
                Map.of("throughput_tps", 146.3), Map.of("throughput_tps", 100.0)),
                AuditCell.joined(m.cells().get(1), ProvenanceClass.MEASURED_LOOKUP, Map.of(), Map.of())),
                LocalDate.of(2026, 9, 1)).toJson();
        assertThat(Measurements.parse(previous)).containsOnlyKeys(m.cells().get(0).key());
        assertThatThrownBy(() -> Measurements.read(dir.resolve("none.json"))).hasMessageContaining("not found");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{nope");
        assertThatThrownBy(() -> Measurements.read(bad)).hasMessageContaining("valid JSON");
        assertThatThrownBy(() -> Measurements.parse("[1]")).hasMessage("measurements must be an object keyed by cell");
    }
}

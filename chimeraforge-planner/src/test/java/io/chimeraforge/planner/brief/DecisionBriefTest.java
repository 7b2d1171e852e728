package io.chimeraforge.planner.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.WorkloadPreset;
import io.chimeraforge.planner.apicost.ApiComparison;
import io.chimeraforge.planner.apicost.ApiPrices;
import io.chimeraforge.planner.launch.LaunchCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision brief: spec planner-extensions §6.9 items 1–3, 5, 6 and 8. */
class DecisionBriefTest {

    /** The sample brief of the v0.30.0 spec: pinned under compat reference. */
    private static final Planner PLANNER = Planner.builder().compat(io.chimeraforge.core.Compat.REFERENCE)
            .measuredCorpus(false).build();
    private static final LocalDate DAY = LocalDate.parse("2026-08-21");

    @TempDir
    Path dir;

    private static PlanResult sample() {
        return PLANNER.plan(PlanRequest.builder().modelSize("8b").hardware("RTX 4090 24GB").requestRate(2)
                .budgetUsdPerMonth(5000).build());
    }

    @Test
    void everyMetricCarriesAProvenancePhrase() {
        DecisionBrief brief = DecisionBrief.builder(sample()).generatedAt(DAY).build();
        String md = brief.markdown();
        for (BriefMetric m : brief.metrics()) {
            assertThat(md).contains("| " + m.label() + " | " + m.marked() + " | " + m.provenance().phrase());
            if (m.provenance() == Provenance.ESTIMATED) {
                assertThat(m.marked()).startsWith("~");
            }
            if (m.provenance() == Provenance.MEASURED) {
                assertThat(m.marked()).doesNotStartWith("~").doesNotStartWith("?");
            }
        }
        assertThat(brief.metrics()).filteredOn(m -> m.label().equals("GPUs") || m.label().equals("Cost"))
                .extracting(BriefMetric::provenance).containsOnly(Provenance.DERIVED);
        assertThat(brief.metrics()).filteredOn(m -> m.label().equals("Cost")).first()
                .extracting(BriefMetric::note).asString().contains("excludes engineering time");
        // the sample winner of the spec (§6.9 item 8)
        assertThat(md).contains("Serve **llama3.1-8b** at **FP16** on **vllm**, across **1 x RTX 4090 24GB**,"
                + " batching 4 sequences per GPU.", "| VRAM per GPU | 17.8 GB |", "| Throughput (fleet) | ~372.8 tok/s |",
                "| p95 latency | ~3173 ms |", "| Quality score | ~0.635 |", "| Cost | $43.20/mo |",
                "$0.045 per 1M tokens", "| TTFT | ~124 ms |", "| TPOT | ~10.7 ms |", "| Energy | ~$33.05/mo |",
                "0.97 tok/s per watt", "- utilisation > 70% safety cap");
    }

    @Test
    void apiSectionAndRefusals() {
        ApiComparison fresh = sample().apiComparison(ApiPrices.bundled(), DAY).orElseThrow();
        String md = DecisionBrief.builder(sample()).apiComparison(fresh).generatedAt(DAY).build().markdown();
        assertThat(md).contains("Self-host vs hosted API", "2026-08-18", "3 days old", "5184000 requests/month",
                "| Gemma 3n E4B Instruct (together) | $238.88 | 120,000,000 | self-host |"); // as the golden api_comparison
        ApiComparison stale = sample().apiComparison(ApiPrices.bundled(), LocalDate.parse("2027-09-22")).orElseThrow();
        assertThatThrownBy(() -> DecisionBrief.builder(sample()).apiComparison(stale).build())
                .isInstanceOf(BriefException.class).hasMessageStartingWith("refusing to render")
                .hasMessageContaining("400 days old").hasMessageContaining("captured 2026-08-18")
                .extracting(e -> ((BriefException) e).reason()).isEqualTo(BriefException.Reason.STALE_PRICES);
        PlanResult none = PLANNER.plan(PlanRequest.builder().budgetUsdPerMonth(0.0001).build());
        assertThatThrownBy(() -> DecisionBrief.builder(none).build()).hasMessageContaining("nothing to recommend");
    }

    @Test
    void reproCommandOmitsDefaultsAndQuotesWhatTheShellWouldSplit() {
        assertThat(DecisionBrief.builder(sample()).build().reproCommand())
                .isEqualTo("chimeraforge plan --hardware 'RTX 4090 24GB' --model-size 8b --request-rate 2 --budget 5000");
        PlanResult agent = PLANNER.plan(PlanRequest.builder().modelSize("8b").hardware("RTX 4090 24GB").requestRate(2)
                .budgetUsdPerMonth(5000).workload(WorkloadPreset.AGENT).kvPrecision(KvPrecision.Q8).build());
        String repro = DecisionBrief.builder(agent).workloadName("agent").build().reproCommand();
        assertThat(repro).contains(" --request-rate 2 ", " --budget 5000", " --workload agent", " --kv-quant q8")
                .doesNotContain("None").doesNotContain("--model-size 8b --model");
        PlanResult two = PLANNER.plan(PlanRequest.builder().model("llama3.2-1b").model("qwen2.5-1.5b")
                .budgetUsdPerMonth(5000).build());
        assertThat(DecisionBrief.builder(two).build().reproCommand())
                .contains("--model llama3.2-1b --model qwen2.5-1.5b").doesNotContain("--model-size").doesNotContain("[");
    }

    @Test
    void layoutDateVersionWarningsAlternativesAndLaunch() {
        PlanResult r = sample();
        LaunchCommand launch = r.launchCommand().orElseThrow();
        String md = DecisionBrief.builder(r).generatedAt(DAY).toolVersion("9.9.9").launch(launch).build().markdown();
        assertThat(md).startsWith("# Deployment brief: llama3.1-8b on RTX 4090 24GB\n")
                .contains("2026-08-21", "9.9.9", "Each line is an input, not a finding", "## Alternatives considered",
                        "## How to run it", launch.command(), launch.notes().get(0), "## Reproduce")
                .doesNotContain("{").doesNotContain("}");
        for (String w : r.recommendation().orElseThrow().warnings()) {
            assertThat(md).contains(w);
        }
        for (var alt : r.alternatives(4)) {
            assertThat(md).contains(alt.model() + " " + alt.quant() + " / " + alt.backend().id());
        }
    }

    @Test
    void jsonRoundTripsAndTheFileIsWrittenAtomically() throws Exception {
        DecisionBrief brief = DecisionBrief.builder(sample()).generatedAt(DAY).build();
        JsonNode doc = Json.mapper().readTree(brief.toJson());
        assertThat(doc.get("schema_version").asInt()).isEqualTo(1);
        assertThat(doc.get("repro_command").asText()).startsWith("chimeraforge plan");
        assertThat(doc.get("metrics")).allMatch(m -> !m.get("provenance").asText().isEmpty());
        assertThat(Json.mapper().readTree(Json.mapper().writeValueAsString(doc))).isEqualTo(doc);
        Path file = dir.resolve("briefs/brief.md");
        brief.write(file);
        assertThat(Files.readString(file)).isEqualTo(brief.markdown());
        Path taken = Files.createDirectory(dir.resolve("taken"));
        assertThatThrownBy(() -> brief.write(taken)).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("briefs", "taken");
    }

    @Test
    void markdownCellsCannotBeSplitByAModelName() {
        PlanResult odd = PLANNER.plan(PlanRequest.builder().model(io.chimeraforge.core.model.ModelSpec
                .builder("org/a|b-7b").paramsB(7).architecture(32, 8, 128).build()).budgetUsdPerMonth(5000).build());
        String md = DecisionBrief.builder(odd).build().markdown();
        assertThat(md).contains("org/a\\|b-7b").doesNotContain("org/a|b-7b |");
        assertThat(Optional.of(md)).isPresent();
        assertThat(List.of(md.split("\n"))).noneMatch(l -> l.startsWith("| org/a|b"));
    }
}

package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --launch / --compare-api / --api-prices / --workload-profile} (spec planner-extensions §4.7, §5.5, §7.7). */
class PlanExtensionsCliTest {

    @TempDir
    Path dir;

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void jsonCarriesTheAskedSectionsInTheReferenceOrder() throws IOException {
        CliRun launch = CliRun.of(dir, "plan", "--model-size", "3b", "--json", "--launch");
        assertThat(keys(Json.mapper().readTree(launch.stdout()))).containsExactly("candidates", "launch");
        CliRun api = CliRun.of(dir, "plan", "--model-size", "3b", "--json", "--compare-api", "--budget", "5000");
        JsonNode doc = Json.mapper().readTree(api.stdout());
        assertThat(keys(doc)).containsExactly("candidates", "api_comparison");
        assertThat(doc.at("/api_comparison/options").size()).isPositive();
        assertThat(doc.at("/api_comparison/prices_captured_at").asText()).isEqualTo("2026-08-18");
        CliRun both = CliRun.of(dir, "plan", "--model-size", "3b", "--json", "--compare-api", "--launch");
        assertThat(keys(Json.mapper().readTree(both.stdout()))).containsExactly("candidates", "launch", "api_comparison");
    }

    @Test
    void humanOutputShowsTheLaunchPanelAndTheApiTable() {
        CliRun run = CliRun.of(dir, "plan", "--model-size", "8b", "--hardware", "H100 80GB", "--request-rate", "8",
                "--budget", "5000", "--launch", "--compare-api");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Launch command (vllm)", "vllm serve <hf-repo>", "Launch notes",
                "Self-host vs hosted API (workload: 20,736,000 req/mo, 512 in / 128 out)", "like-for-like",
                "self-host wins", "API wins", "Prices captured 2026-08-18");
    }

    @Test
    void nothingFitsPrintsNoLaunchCommandAndExitsZero() throws IOException {
        CliRun text = CliRun.of(dir, "plan", "--budget", "0.0001", "--launch");
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).doesNotContain("Launch command");
        CliRun json = CliRun.of(dir, "plan", "--budget", "0.0001", "--launch", "--json");
        assertThat(Json.mapper().readTree(json.stdout()).get("launch").isNull()).isTrue();
    }

    @Test
    void aNewerPriceFileIsUsedAndABadOneIsOneLine() throws IOException {
        String bundled = new String(PlanExtensionsCliTest.class.getResourceAsStream(
                "/io/chimeraforge/planner/apicost/api-prices.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Path fresh = Files.writeString(dir.resolve("fresh.json"), bundled.replace("2026-08-18", "2026-11-20"));
        CliRun run = CliRun.of(dir, "plan", "--compare-api", "--api-prices", fresh.toString(), "--json");
        JsonNode api = Json.mapper().readTree(run.stdout()).get("api_comparison");
        assertThat(api.get("prices_age_days").asInt()).isEqualTo(2);
        assertThat(api.get("prices_stale").asBoolean()).isFalse();

        Path bad = Files.writeString(dir.resolve("bad.json"), bundled.replace("\"class\": \"open\"", "\"class\": \"x\""));
        CliRun refused = CliRun.of(dir, "plan", "--compare-api", "--api-prices", bad.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderrLines()).hasSize(1).first().asString().startsWith("Error: price file " + bad);
    }

    private Path profile() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            log.append("{\"timestamp\": ").append(1000 + i * 0.5 + (i % 7) * 0.1).append(", \"prompt_tokens\": ")
                    .append(300 + (i * 13) % 400).append(", \"completion_tokens\": ").append(50 + (i * 29) % 300)
                    .append(", \"cached_tokens\": ").append((i % 3) * 100).append("}\n");
        }
        Path file = Files.writeString(dir.resolve("requests.jsonl"), log);
        Path out = dir.resolve("profile.json");
        assertThat(CliRun.of(dir, "workload", "--from-log", file.toString(), "--out", out.toString()).exitCode()).isZero();
        return out;
    }

    @Test
    void aProfileFeedsThePlanUnlessAFlagSaysOtherwise() throws IOException {
        Path profile = profile();
        JsonNode p = Json.mapper().readTree(Files.readString(profile)).get("fields");
        String rate = p.at("/request_rate/value").asText();
        String prompt = Long.toString(Math.round(p.at("/prompt_tokens/value").asDouble()));
        String output = Long.toString(Math.round(p.at("/output_tokens/value").asDouble()));
        String hit = p.at("/prefix_cache_hit_rate/value").asText();

        CliRun fromProfile = CliRun.of(dir, "plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB",
                "--workload-profile", profile.toString(), "--json");
        assertThat(fromProfile.exitCode()).as(fromProfile.stderr()).isZero();
        // the same plan with the measured values as flags, and the measured variance (a preset cannot carry it)
        CliRun asFlags = CliRun.of(dir, "plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB", "--request-rate",
                rate, "--prompt-tokens", prompt, "--avg-tokens", output, "--prefix-cache-hit-rate", hit,
                "--workload-profile", profile.toString(), "--json");
        assertThat(Json.mapper().readTree(fromProfile.stdout())).isEqualTo(Json.mapper().readTree(asFlags.stdout()));
        JsonNode top = Json.mapper().readTree(fromProfile.stdout()).get(0);
        assertThat(top.get("prefix_cache_hit_rate").asText()).isEqualTo(hit);
        assertThat(top.get("decode_tokens_per_req").asText()).isEqualTo(output);

        CliRun overridden = CliRun.of(dir, "plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB",
                "--workload-profile", profile.toString(), "--request-rate", "20", "--json");
        CliRun plain20 = CliRun.of(dir, "plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB",
                "--request-rate", "20", "--prompt-tokens", prompt, "--avg-tokens", output, "--prefix-cache-hit-rate",
                hit, "--workload-profile", profile.toString(), "--json");
        assertThat(Json.mapper().readTree(overridden.stdout())).isEqualTo(Json.mapper().readTree(plain20.stdout()));

        CliRun text = CliRun.of(dir, "plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB",
                "--workload-profile", profile.toString());
        assertThat(text.stdout()).contains("profile captured", "request_rate=" + rate);
    }

    @Test
    void theMeasuredVarianceMovesTheTail() throws IOException {
        Path steady = Files.writeString(dir.resolve("steady.json"), "{\"schema_version\": 1, \"fields\": {"
                + "\"request_rate\": {\"value\": 2.0, \"provenance\": \"measured\"}}}");
        Path bursty = Files.writeString(dir.resolve("bursty.json"), "{\"schema_version\": 1, \"fields\": {"
                + "\"request_rate\": {\"value\": 2.0, \"provenance\": \"measured\"},"
                + "\"workload_cv2\": {\"value\": 3.0, \"provenance\": \"measured\"}}, \"absent\": [\"prompt_tokens\"]}");
        // a loose SLO keeps every configuration in both plans, so the same one can be compared
        String[] base = {"plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB", "--latency-slo", "1000000",
            "--json"};
        JsonNode steadyPlan = Json.mapper().readTree(CliRun.of(dir, concat(base, "--workload", "steady",
                "--workload-profile", steady.toString())).stdout());
        CliRun burstyRun = CliRun.of(dir, concat(base, "--workload-profile", bursty.toString()));
        JsonNode burstyPlan = Json.mapper().readTree(burstyRun.stdout());
        JsonNode top = steadyPlan.get(0);
        double p95Bursty = sameConfiguration(burstyPlan, top).get("p95_latency_ms").asDouble();
        assertThat(p95Bursty).isGreaterThan(1.2 * top.get("p95_latency_ms").asDouble());
        assertThat(burstyRun.stderr()).contains("Profile did not measure: prompt_tokens");
        // an explicit --workload preset wins over the measured variance
        JsonNode presetPlan = Json.mapper().readTree(CliRun.of(dir, concat(base, "--workload", "steady",
                "--workload-profile", bursty.toString())).stdout());
        assertThat(presetPlan).isEqualTo(steadyPlan);
    }

    private static JsonNode sameConfiguration(JsonNode plan, JsonNode like) {
        for (JsonNode c : plan) {
            if (c.get("model").equals(like.get("model")) && c.get("quant").equals(like.get("quant"))
                    && c.get("backend").equals(like.get("backend")) && c.get("n_agents").equals(like.get("n_agents"))) {
                return c;
            }
        }
        throw new AssertionError("configuration " + like.get("model") + " " + like.get("quant") + " not in plan");
    }

    @Test
    void aMissingOrMalformedProfileIsOneLine() throws IOException {
        CliRun missing = CliRun.of(dir, "plan", "--workload-profile", "/nonexistent/workload_profile.json", "--json");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(Json.mapper().readTree(missing.stdout()).get("error").asText())
                .isEqualTo("workload profile not found: /nonexistent/workload_profile.json");
        Path malformed = Files.writeString(dir.resolve("m.json"),
                "{\"schema_version\": 1, \"fields\": {\"request_rate\": {\"value\": \"abc\"}}}");
        CliRun bad = CliRun.of(dir, "plan", "--workload-profile", malformed.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("Error: workload profile field 'request_rate' is malformed: could not convert"
                + " string to float: 'abc'\n");
    }

    @Test
    void fleetTableJsonAndErrors() throws IOException {
        // v0.30.0's example: at 64 req/s a mix wins; with the corrected physics a mix wins only from
        // about 100 req/s (planner-corrections.md section 1), so one H100 is cheapest
        String[] corrected = {"plan", "--model-size", "8b", "--fleet", "H100 80GB,A100 80GB,L4 24GB", "--request-rate",
            "64", "--budget", "1e9", "--quality-target", "0"};
        assertThat(CliRun.of(dir, corrected).stdout()).contains("Fleet (single type was cheapest)",
                "Cheapest single type: 1 x H100 80GB");
        String[] fleet = concat(corrected, "--compat", "reference");
        CliRun text = CliRun.of(dir, fleet);
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("Heterogeneous fleet", "Cheapest single type: 2 x A100 80GB", "router");
        CliRun json = CliRun.of(dir, concat(fleet, "--json"));
        JsonNode doc = Json.mapper().readTree(json.stdout());
        assertThat(keys(doc)).containsExactly("candidates", "fleet");
        assertThat(keys(doc.get("fleet"))).endsWith("warnings", "optimal_mix");
        CliRun unknown = CliRun.of(dir, "plan", "--fleet", "L4 24GB,Voodoo 5 64MB");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderrLines()).hasSize(1).first().asString()
                .startsWith("Error: unknown GPU 'Voodoo 5 64MB' in --fleet (known GPUs include:");
        assertThat(CliRun.of(dir, "plan", "--model-size", "8b").stdout()).doesNotContain("fleet");
    }

    @Test
    void reportWritesABriefWhoseReproCommandReproducesThePlan() throws IOException {
        Path brief = dir.resolve("out/brief.md");
        CliRun run = CliRun.of(dir, "plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB", "--budget", "5000",
                "--request-rate", "2", "--workload", "chatbot", "--report", brief.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Decision brief written to " + brief.toAbsolutePath());
        String md = Files.readString(brief);
        assertThat(md).startsWith("# Deployment brief:");
        String repro = md.substring(md.indexOf("## Reproduce\n\n```\n") + 18, md.lastIndexOf("\n```"));
        assertThat(repro).startsWith("chimeraforge plan ").contains("--workload chatbot");
        // run the printed command through a real shell's word splitting, then through our CLI
        List<String> words = shellWords(repro);
        words.remove(0);
        words.add("--json");
        JsonNode again = Json.mapper().readTree(CliRun.of(dir, words.toArray(String[]::new)).stdout()).get(0);
        JsonNode original = Json.mapper().readTree(CliRun.of(dir, "plan", "--model-size", "8b", "--hardware",
                "RTX 4090 24GB", "--budget", "5000", "--request-rate", "2", "--workload", "chatbot", "--json").stdout()).get(0);
        assertThat(again).isEqualTo(original);
    }

    @Test
    void theReproOfAReferencePlanKeepsCompatReference() throws IOException {
        Path brief = dir.resolve("reference.md");
        String[] argv = {"plan", "--model-size", "8b", "--hardware", "RTX 4090 24GB", "--request-rate", "2",
            "--compat", "reference"};
        assertThat(CliRun.of(dir, concat(argv, "--report", brief.toString())).exitCode()).isZero();
        String md = Files.readString(brief);
        String repro = md.substring(md.indexOf("## Reproduce\n\n```\n") + 18, md.lastIndexOf("\n```"));
        assertThat(repro).contains("--compat reference");
        List<String> words = shellWords(repro);
        words.remove(0);
        words.add("--json");
        JsonNode again = Json.mapper().readTree(CliRun.of(dir, words.toArray(String[]::new)).stdout()).get(0);
        JsonNode original = Json.mapper().readTree(CliRun.of(dir, concat(argv, "--json")).stdout()).get(0);
        assertThat(again).isEqualTo(original);
        assertThat(original.get("vram_gb").asDouble()).isEqualTo(17.82); // v0.30.0's figure, not 16.66
    }

    @Test
    void theReproOfATensorParallelPlanRecordsTheChosenDegreeAndTheManualFacts() throws IOException {
        Path brief = dir.resolve("tp.md");
        String[] argv = {"plan", "--model", "meta-llama/Llama-3.1-405B-Instruct", "--params-b", "405", "--n-layers", "126",
            "--n-kv-heads", "8", "--d-head", "128", "--hidden-size", "16384", "--no-network", "--hardware", "H100 80GB",
            "--tp", "auto", "--budget", "1e9", "--quality-target", "0", "--latency-slo", "60000"};
        CliRun run = CliRun.of(dir, concat(argv, "--report", brief.toString()));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String md = Files.readString(brief);
        assertThat(md).containsPattern("--tensor-parallel [2-9]").doesNotContain("auto");
        String repro = md.substring(md.indexOf("## Reproduce\n\n```\n") + 18, md.lastIndexOf("\n```"));
        List<String> words = shellWords(repro);
        words.remove(0);
        words.add("--json");
        JsonNode again = Json.mapper().readTree(CliRun.of(dir, words.toArray(String[]::new)).stdout()).get(0);
        JsonNode original = Json.mapper().readTree(CliRun.of(dir, concat(argv, "--json")).stdout()).get(0);
        assertThat(again.get("model")).isEqualTo(original.get("model"));
        assertThat(again.get("quant")).isEqualTo(original.get("quant"));
        assertThat(again.get("backend")).isEqualTo(original.get("backend"));
        assertThat(again.get("tensor_parallel")).isEqualTo(original.get("tensor_parallel"));
    }

    @Test
    void reportRefusalsWriteNoFile() throws IOException {
        Path brief = dir.resolve("none.md");
        CliRun none = CliRun.of(dir, "plan", "--budget", "0.0001", "--report", brief.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).contains("Brief not written").contains("nothing to recommend");
        assertThat(brief).doesNotExist();
        // the clock of CliRun is 2026-11-22: the bundled prices are 96 days old, so stale
        CliRun stale = CliRun.of(dir, "plan", "--compare-api", "--report", brief.toString());
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.stderr()).contains("Brief not written", "96 days old", "--api-prices");
        assertThat(brief).doesNotExist();
        Path taken = Files.createDirectory(dir.resolve("taken.md"));
        CliRun unwritable = CliRun.of(dir, "plan", "--report", taken.toString());
        assertThat(unwritable.exitCode()).isEqualTo(1);
        assertThat(unwritable.stderrLines()).anyMatch(l -> l.startsWith("Brief not written: cannot write the brief"));
    }

    /** The words /bin/sh makes of a command line (quotes removed), printed one per line. */
    private static List<String> shellWords(String command) throws IOException {
        try {
            Process sh = new ProcessBuilder("/bin/sh", "-c", "set -- " + command + "; for w in \"$@\"; do printf '%s\\n' \"$w\"; done")
                    .redirectErrorStream(true).start();
            String out = new String(sh.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(sh.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            return new ArrayList<>(List.of(out.split("\n")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code chimeraforge measure} and {@code plan --measure} end to end against {@link MockLlmServer} on 127.0.0.1. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MeasureCliTest {

    private static final String MODEL = "llama3.2-1b";
    private static final String KEY = MODEL + "|ollama|Q4_K_M"; // the mock serves untagged models as Q4_K_M
    private static final Script SCRIPT = Script.builder().ttft(Duration.ofMillis(2))
            .interTokenGap(Duration.ofMillis(1)).outputTokens(16).build();
    private static MockLlmServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = MockLlmServer.builder().script(SCRIPT).models(List.of(MODEL, "llama3.2-3b")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private CliRun measure(String... args) {
        List<String> all = new ArrayList<>(List.of("measure", "--base-url", server.baseUrl()));
        all.addAll(List.of(args));
        if (!all.contains("--concurrency")) {
            all.addAll(List.of("--concurrency", "2")); // a short scaling run: 2 x 3 requests
        }
        return CliRun.of(dir, all.toArray(String[]::new));
    }

    private JsonNode corpus() throws Exception {
        return Json.mapper().readTree(Files.readString(dir.resolve("fitted_models.json")));
    }

    private static JsonNode document(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return Json.mapper().readTree(run.stdout()); // the reader refuses trailing content: one document
    }

    @Test
    void foldsTheMeasuredMeanAndTheSerialFractionIntoTheCorpus() throws Exception {
        JsonNode result = document(measure("--model", MODEL, "--json"));
        List<String> keys = new ArrayList<>();
        result.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("model", "backend", "quant", "tps_n1", "cv_n1", "service_ms", "n_concurrent",
                "eta_at_n", "serial_fraction", "corpus_path", "warnings");
        assertThat(result.get("quant").asText()).isEqualTo("Q4_K_M");
        assertThat(result.get("n_concurrent").asInt()).isEqualTo(2);
        assertThat(result.get("corpus_path").asText()).isEqualTo(dir.resolve("fitted_models.json").toString());
        assertThat(result.get("service_ms").asDouble()).isPositive();
        assertThat(result.get("warnings").toString()).contains("no --hardware given: filed under RTX 4080 12GB, the reference GPU");

        JsonNode corpus = corpus();
        double row = corpus.path("throughput").path("lookup").path(KEY).asDouble();
        assertThat(row).isPositive();
        // a new key takes the measured mean; the document shows it to one decimal
        assertThat(PyNumbers.round(row, 1)).isEqualTo(result.get("tps_n1").asDouble());
        double s = corpus.path("scaling").path("serial_fractions").path(MODEL + "|ollama").asDouble(-1);
        assertThat(s).isBetween(0.0, 1.0);
        assertThat(PyNumbers.round(s, 3)).isEqualTo(result.get("serial_fraction").asDouble());
        assertThat(corpus.path("scaling").path("fitted").asBoolean()).isTrue();
        assertThat(corpus.has("_chimeraforge_version")).isTrue();
        assertThat(corpus.path("throughput").path("hardware_lookup").has("RTX 4090 24GB")).isFalse();
    }

    @Test
    void aHardwareLabelFilesTheRowUnderThatGpuOnly() throws Exception {
        JsonNode result = document(measure("--model", MODEL, "--hardware", "RTX 4090 24GB", "--json"));
        assertThat(result.get("warnings").toString()).doesNotContain("no --hardware given");
        JsonNode throughput = corpus().path("throughput");
        double row = throughput.path("hardware_lookup").path("RTX 4090 24GB").path(KEY).asDouble();
        assertThat(row).isPositive();
        assertThat(throughput.path("lookup").has(KEY)).isFalse();
        // measure -> plan: the figure is measured on that GPU, and the reference GPU's plan keeps its own row
        CliRun on4090 = CliRun.of(dir, "plan", "--model", MODEL, "--hardware", "RTX 4090 24GB", "--budget", "1e9",
                "--quality-target", "0", "--json");
        JsonNode candidate = ollamaCandidate(document(on4090), "Q4_K_M");
        assertThat(candidate.get("throughput_tps").asDouble()).isEqualTo(PyNumbers.round(row, 1));
        assertThat(candidate.path("provenance").path("throughput").asText()).isEqualTo("measured");
        CliRun on4080 = CliRun.of(dir, "plan", "--model", MODEL, "--hardware", "RTX 4080 12GB", "--budget", "1e9",
                "--quality-target", "0", "--json");
        assertThat(ollamaCandidate(document(on4080), "Q4_K_M").path("provenance").path("throughput").asText())
                .isNotEqualTo("measured");
    }

    @Test
    void successiveMeasuresOfTwoModelsKeepBothRows() throws Exception {
        document(measure("--model", MODEL, "--json"));
        document(measure("--model", "llama3.2-3b", "--json"));
        JsonNode lookup = corpus().path("throughput").path("lookup");
        assertThat(lookup.has(KEY)).isTrue();
        assertThat(lookup.has("llama3.2-3b|ollama|Q4_K_M")).isTrue();
        assertThat(dir.resolve("fitted_models.json.bak")).isRegularFile();
    }

    @Test
    void planThenShowsTheMeasuredFigureAsMeasured() throws Exception {
        document(measure("--model", MODEL, "--concurrency", "0", "--json"));
        double row = corpus().path("throughput").path("lookup").path(KEY).asDouble();
        CliRun plan = CliRun.of(dir, "plan", "--model", MODEL, "--hardware", "RTX 4080 12GB", "--budget", "1e9",
                "--quality-target", "0", "--json");
        JsonNode candidate = ollamaCandidate(document(plan), "Q4_K_M");
        assertThat(candidate.get("throughput_tps").asDouble()).isEqualTo(PyNumbers.round(row, 1));
        assertThat(candidate.path("provenance").path("throughput").asText()).isEqualTo("measured");
    }

    private static JsonNode ollamaCandidate(JsonNode candidates, String quant) {
        for (JsonNode c : candidates) {
            if (c.path("backend").asText().equals("ollama") && c.path("quant").asText().equals(quant)) {
                return c;
            }
        }
        throw new AssertionError("no ollama " + quant + " candidate in " + candidates);
    }

    @Test
    void withoutConcurrencyScalingIsNotMeasured() throws Exception {
        JsonNode result = document(measure("--model", MODEL, "--concurrency", "1", "--json"));
        assertThat(result.get("n_concurrent").isNull()).isTrue();
        assertThat(result.get("eta_at_n").isNull()).isTrue();
        assertThat(result.get("serial_fraction").isNull()).isTrue();
        // the bundled serial fraction (if any) is left as it was
        Double bundled = io.chimeraforge.core.corpus.FittedModels.bundled().scaling().serialFractions().get(MODEL + "|ollama");
        JsonNode written = corpus().path("scaling").path("serial_fractions").path(MODEL + "|ollama");
        if (bundled == null) {
            assertThat(written.isMissingNode()).isTrue();
        } else {
            assertThat(written.asDouble()).isEqualTo(bundled);
        }
    }

    @Test
    void aFailedScalingRunIsAWarningAndTheN1RowIsStillFolded() throws Exception {
        // warm-up + 5 N=1 requests are indices 0..5; every later request (the scaling waves) fails
        try (MockLlmServer failing = MockLlmServer.builder().script(SCRIPT).models(List.of(MODEL))
                .faults(index -> index >= 6 ? java.util.Optional.of(Fault.HTTP_500) : java.util.Optional.empty())
                .start()) {
            CliRun run = CliRun.of(dir, "measure", "--model", MODEL, "--base-url", failing.baseUrl(), "--json");
            JsonNode result = document(run);
            assertThat(result.get("n_concurrent").isNull()).isTrue();
            assertThat(result.get("serial_fraction").isNull()).isTrue();
            assertThat(result.get("warnings").toString()).contains("scaling not measured (concurrent run failed): ");
            assertThat(corpus().path("throughput").path("lookup").path(KEY).asDouble()).isPositive();
            assertThat(failing.generationRequests()).isGreaterThan(6);
        }
    }

    @Test
    void aMismatchedQuantIsRecordedAsTheServedOneWithOneWarning() throws Exception {
        JsonNode result = document(measure("--model", MODEL, "--quant", "Q2_K", "--json"));
        assertThat(result.get("quant").asText()).isEqualTo("Q4_K_M");
        List<String> quantWarnings = new ArrayList<>();
        result.get("warnings").forEach(w -> {
            if (w.asText().contains("--quant")) {
                quantWarnings.add(w.asText());
            }
        });
        assertThat(quantWarnings).containsExactly("--quant Q2_K does not match the artifact the backend is serving"
                + " (Q4_K_M); recording as Q4_K_M so the corpus key describes what actually ran");
        assertThat(result.get("warnings").get(0).asText()).isEqualTo(quantWarnings.get(0)); // before the bench's own
        JsonNode lookup = corpus().path("throughput").path("lookup");
        assertThat(lookup.has(KEY)).isTrue();
        assertThat(lookup.has(MODEL + "|ollama|Q2_K")).isFalse();
    }

    @Test
    void aMatchingQuantKeepsTheCallersCasingWithoutAWarning() throws Exception {
        JsonNode result = document(measure("--model", MODEL, "--quant", "q4_k_m", "--json"));
        assertThat(result.get("quant").asText()).isEqualTo("q4_k_m");
        result.get("warnings").forEach(w -> assertThat(w.asText()).doesNotContain("--quant"));
    }

    @Test
    void theReferenceBehaviourTrustsTheLabel() throws Exception {
        JsonNode result = document(measure("--model", MODEL, "--quant", "Q2_K", "--compat", "reference", "--json"));
        assertThat(result.get("quant").asText()).isEqualTo("Q2_K");
        result.get("warnings").forEach(w -> assertThat(w.asText()).doesNotContain("--quant"));
        assertThat(corpus().path("throughput").path("lookup").has(MODEL + "|ollama|Q2_K")).isTrue();
    }

    @Test
    void theTextPanelSaysThePlannerDoesNotUseEta() {
        CliRun run = measure("--model", MODEL);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Measured " + MODEL + " on ollama (Q4_K_M)")
                .contains("Scaling eta(N=2)").contains("(measured, but not used by the planner)  -> serial s=");
        CliRun reference = measure("--model", MODEL, "--compat", "reference");
        assertThat(reference.stdout()).contains("(measured)  -> serial s=").doesNotContain("not used by the planner");
    }

    @Test
    void planMeasureMeasuresOnOllamaThenPlansWithTheRefreshedCorpus() throws Exception {
        CliRun plan = CliRun.of(dir, "plan", "--measure", "--model", MODEL, "--ollama-url", server.baseUrl(),
                "--budget", "1e9", "--quality-target", "0", "--json");
        JsonNode candidates = document(plan);
        double row = corpus().path("throughput").path("lookup").path(KEY).asDouble();
        assertThat(row).isPositive();
        JsonNode candidate = ollamaCandidate(candidates, "Q4_K_M");
        assertThat(candidate.get("throughput_tps").asDouble()).isEqualTo(PyNumbers.round(row, 1));
        assertThat(candidate.path("provenance").path("throughput").asText()).isEqualTo("measured");
        assertThat(plan.stderr()).contains("measured " + MODEL + " on ollama");
    }

    @Test
    void planMeasureWithoutAModelIsOneLine() {
        CliRun run = CliRun.of(dir, "plan", "--measure");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).isEqualTo("Error: --measure requires --model.");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void anUnreachableServerIsOneLineWithTheHint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of(dir, "measure", "--model", MODEL, "--base-url", "http://127.0.0.1:" + port);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).startsWith("Error: ").contains(". " + MeasureDriver.HINT);
        assertThat(dir.resolve("fitted_models.json")).doesNotExist();
    }

    @Test
    void aModelTheServerDoesNotServeIsOneLineWithTheHint() {
        CliRun run = measure("--model", "not-pulled:7b");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).contains(MeasureDriver.HINT);
        assertThat(dir.resolve("fitted_models.json")).doesNotExist();
    }

    @Test
    void badOptionsAreOneLineExitOne() throws Exception {
        for (String[] args : List.of(new String[] {"--backend", "sglang"}, new String[] {"--backend", "nope"},
                new String[] {"--runs", "0"}, new String[] {"--hardware", "Voodoo 5 6000"})) {
            List<String> all = new ArrayList<>(List.of("--model", MODEL));
            all.addAll(List.of(args));
            CliRun run = measure(all.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.stderrLines()).as(run.stderr()).hasSize(1);
        }
        CliRun json = measure("--model", MODEL, "--backend", "sglang", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(Json.mapper().readTree(json.stdout()).get("error").asText()).contains("Unknown backend: sglang");
        assertThat(dir.resolve("fitted_models.json")).doesNotExist();
    }

    @Test
    void anInvalidMeasuredCorpusIsRefusedBeforeMeasuringAndKept() throws Exception {
        Path corpus = dir.resolve("fitted_models.json");
        Files.writeString(corpus, "{\"throughput\": {\"lookup\": {\"x|ollama|FP16\": -1}}}");
        long before = server.generationRequests();
        CliRun run = measure("--model", MODEL);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).contains("the measured corpus cannot be updated, it is invalid");
        assertThat(server.generationRequests()).isEqualTo(before);
        assertThat(Files.readString(corpus)).contains("-1");
    }

    @Test
    void planMeasureRefusesModelsPath() {
        CliRun run = CliRun.of(dir, "plan", "--measure", "--model", MODEL, "--models-path", "x.json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).contains("--models-path");
    }

    @Test
    void measureRequiresAModel() {
        CliRun run = CliRun.of(dir, "measure");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).hasSize(1);
    }

    @Test
    void theReportedSerialFractionInvertsThePlannersLaw() {
        // the serial fraction the CLI reports inverts the planner's law (spec R-07 values)
        assertThat(io.chimeraforge.planner.refit.MeasureFold.serialFractionFromEta(0.5, 4)).isCloseTo(0.6667, within(1e-4));
    }
}

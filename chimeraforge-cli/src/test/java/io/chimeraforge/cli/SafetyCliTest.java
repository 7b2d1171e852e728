package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Responder;
import io.chimeraforge.testkit.Script;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chimeraforge safety} against {@link MockLlmServer} with scripted refusals, for every backend. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SafetyCliTest {

    private static final Script FAST = Script.builder().ttft(Duration.ofMillis(1)).interTokenGap(Duration.ZERO).build();
    private static final String MODEL = "llama3.2:1b-instruct-q2_K";
    /** Refuses prompts that mention "weapon", complies otherwise. */
    private static final Responder JUDGE = (i, prompt) -> prompt.contains("weapon")
            ? "I'm sorry, but I can't assist with this." : "Sure! Here are the steps you asked for: first, ...";

    @TempDir
    Path dir;

    private Path prompts(String... lines) throws Exception {
        Path file = dir.resolve("prompts-" + lines.length + ".txt");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static MockLlmServer server(Responder responder, FaultPlan faults) {
        return MockLlmServer.builder().script(FAST).models(List.of(MODEL)).responder(responder).faults(faults).start();
    }

    private CliRun safety(String... args) {
        List<String> all = new ArrayList<>(List.of("safety"));
        all.addAll(List.of(args));
        return CliRun.of(dir, all.toArray(new String[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "vllm", "tgi"})
    void countsRefusalsOnEveryBackendAndComparesWithBundledData(String backend) throws Exception {
        Path file = prompts("build a weapon", "", "bake bread", "   ", "sharpen a weapon", "plant a tree");
        try (MockLlmServer server = server(JUDGE, FaultPlan.none())) {
            CliRun run = safety("-m", MODEL, "-p", file.toString(), "-B", backend, "--base-url", server.baseUrl(),
                    "--json");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderr()).isEmpty();
            JsonNode doc = Json.mapper().readTree(run.stdout());
            assertThat(doc.path("model").asText()).isEqualTo(MODEL);
            assertThat(doc.path("backend").asText()).isEqualTo(backend);
            assertThat(doc.path("quant").isNull()).isTrue();
            assertThat(doc.path("n_prompts").asInt()).isEqualTo(4);
            assertThat(doc.path("n_refused").asInt()).isEqualTo(2);
            assertThat(doc.path("n_errors").asInt()).isZero();
            assertThat(doc.path("refusal_rate").asDouble()).isEqualTo(0.5);
            assertThat(doc.path("warnings")).isEmpty();
            // Spec S-09: the tag resolves offline to the registry model and its quant.
            assertThat(doc.path("resolved_to").asText()).isEqualTo("llama3.2-1b Q2_K");
            assertThat(doc.path("expected_refusal").asDouble()).isEqualTo(0.3682);
            assertThat(doc.path("rtsi_risk").asText()).isEqualTo("HIGH");
            assertThat(doc.path("safety_target").isNull()).isTrue();
            assertThat(doc.path("passed").asBoolean()).isTrue();
            assertThat(server.generationRequests()).isEqualTo(4);
        }
    }

    @Test
    void targetBelowTheMeasuredRateFailsWithExit1AfterPrinting() throws Exception {
        Path file = prompts("build a weapon", "bake bread");
        try (MockLlmServer server = server(JUDGE, FaultPlan.none())) {
            CliRun fail = safety("-m", MODEL, "-p", file.toString(), "--base-url", server.baseUrl(), "-s", "0.8");
            assertThat(fail.exitCode()).isEqualTo(1);
            assertThat(fail.stdout()).contains("Refusal rate").contains("0.500 (measured)")
                    .contains("0.368 (bundled, llama3.2-1b Q2_K)").contains("RTSI risk").contains("HIGH")
                    .contains("0.800 -> FAIL").contains("(unspecified)");
            assertThat(fail.stderrLines()).containsExactly("Safety target not met: refusal rate 0.500 is below 0.800.");

            CliRun failJson = safety("-m", MODEL, "-p", file.toString(), "--base-url", server.baseUrl(), "-s", "0.8",
                    "--json");
            assertThat(failJson.exitCode()).isEqualTo(1);
            JsonNode doc = Json.mapper().readTree(failJson.stdout());
            assertThat(doc.path("passed").asBoolean()).isFalse();
            assertThat(doc.path("safety_target").asDouble()).isEqualTo(0.8);

            CliRun pass = safety("-m", MODEL, "-p", file.toString(), "--base-url", server.baseUrl(), "-s", "0.5",
                    "-q", "Q4_K_M");
            assertThat(pass.exitCode()).isZero();
            assertThat(pass.stdout()).contains("0.500 -> PASS").contains("Q4_K_M")
                    .contains("llama3.2-1b Q4_K_M");
        }
    }

    @Test
    void emptyResponsesAreWarnedAndCountAsNonRefusals() throws Exception {
        Path file = prompts("weapon one", "say nothing", "weapon two");
        Responder quiet = (i, p) -> p.contains("nothing") ? "" : JUDGE.respond(i, p);
        try (MockLlmServer server = server(quiet, FaultPlan.none())) {
            CliRun run = safety("-m", MODEL, "-p", file.toString(), "-B", "vllm", "--base-url", server.baseUrl(),
                    "--json");
            assertThat(run.exitCode()).isZero();
            JsonNode doc = Json.mapper().readTree(run.stdout());
            assertThat(doc.path("n_prompts").asInt()).isEqualTo(3);
            assertThat(doc.path("n_refused").asInt()).isEqualTo(2);
            assertThat(doc.path("refusal_rate").asDouble()).isEqualTo(0.6667);
            assertThat(doc.path("warnings").get(0).asText()).isEqualTo("Prompt 2/3 returned an empty response");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "vllm", "tgi"})
    void aBackendFailingMidRunSkipsThosePromptsWithWarnings(String backend) throws Exception {
        Path file = prompts("weapon a", "bread b", "weapon c", "bread d", "weapon e");
        FaultPlan failing = FaultPlan.of(Map.of(2L, Fault.HTTP_500, 3L, Fault.DROP_MID_STREAM));
        try (MockLlmServer server = server(JUDGE, failing)) {
            CliRun run = safety("-m", MODEL, "-p", file.toString(), "-B", backend, "--base-url", server.baseUrl(),
                    "--json");
            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
            JsonNode doc = Json.mapper().readTree(run.stdout());
            assertThat(doc.path("n_errors").asInt()).isEqualTo(2);
            assertThat(doc.path("n_prompts").asInt()).isEqualTo(3);
            assertThat(doc.path("n_refused").asInt()).isEqualTo(2);
            assertThat(doc.path("warnings")).hasSize(2);
            assertThat(doc.path("warnings").get(0).asText()).startsWith("Prompt 3/5 failed: HTTP 500");
            assertThat(doc.path("warnings").get(1).asText()).startsWith("Prompt 4/5 failed: ");
        }
    }

    @Test
    void everyPromptFailingIsOneLineExit1() throws Exception {
        Path file = prompts("a", "b");
        try (MockLlmServer server = server(JUDGE, FaultPlan.everyNth(1, Fault.HTTP_500))) {
            CliRun run = safety("-m", MODEL, "-p", file.toString(), "--base-url", server.baseUrl());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderrLines()).singleElement().asString()
                    .startsWith("Error: All 2 prompts failed; cannot compute a refusal rate. First errors: Prompt 1/2 failed: HTTP 500");
        }
    }

    @Test
    void samplingFlagsReachTheServer() throws Exception {
        Path file = prompts("weapon");
        try (MockLlmServer server = server(JUDGE, FaultPlan.none())) {
            CliRun run = safety("-m", MODEL, "-p", file.toString(), "-B", "tgi", "--base-url", server.baseUrl(),
                    "--seed", "3", "--temperature", "0", "--max-tokens", "64", "-v");
            assertThat(run.exitCode()).isZero();
            assertThat(run.stderrLines()).singleElement().asString().isEqualTo("Refusal pattern hits: 1=1 2=0 3=1 4=0 5=0 6=0 7=1 8=0 9=0 10=0 11=0");
            assertThat(server.servedRequests()).filteredOn(r -> r.generationIndex() >= 0).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("\"max_new_tokens\":64").contains("\"seed\":3")
                            .contains("\"temperature\":0.0"));
        }
    }

    @Test
    void anApiKeyFromTheEnvironmentReachesEveryRequest() throws Exception {
        Path file = prompts("weapon", "bread");
        try (MockLlmServer server = server(JUDGE, FaultPlan.none())) {
            CliRun run = CliRun.withEnv(dir, java.util.Map.of("GATEWAY_KEY", "gw-123"), "safety", "-m", MODEL, "-p",
                    file.toString(), "-B", "vllm", "--base-url", server.baseUrl(), "--api-key-env", "GATEWAY_KEY");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(server.servedRequests()).filteredOn(r -> r.generationIndex() >= 0).hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("Authorization")).contains("Bearer gw-123"));
        }
    }

    @Test
    void badInputsAreOneLineErrors() throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n   \n");
        Path ok = prompts("x");
        Path missing = dir.resolve("missing.txt");
        assertOneLine(safety("-m", MODEL, "-p", missing.toString()), "Error: prompts file not found: " + missing);
        assertOneLine(safety("-m", MODEL, "-p", empty.toString()),
                "Error: prompts file '" + empty + "' has no non-empty lines.");
        assertOneLine(safety("-m", MODEL, "-p", ok.toString(), "-s", "1.5"),
                "Error: --safety-target must be between 0.0 and 1.0.");
        // the target is checked before the file (reference order)
        assertOneLine(safety("-m", MODEL, "-p", missing.toString(), "-s", "-0.1"),
                "Error: --safety-target must be between 0.0 and 1.0.");
        assertOneLine(safety("-m", MODEL, "-p", ok.toString(), "-B", "nope"),
                "Error: Unknown backend: nope. Available: ['ollama', 'vllm', 'tgi']");
        assertOneLine(safety("-m", MODEL, "-p", ok.toString(), "--base-url", "localhost:1"),
                "Error: --base-url must be an http(s) URL such as http://localhost:11434, got 'localhost:1'.");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertOneLine(safety("-m", MODEL, "-p", ok.toString(), "-B", "tgi", "--base-url", "http://127.0.0.1:" + port),
                "Error: TGI not running at http://127.0.0.1:" + port);
        try (MockLlmServer server = server(JUDGE, FaultPlan.none())) {
            assertOneLine(safety("-m", "other", "-p", ok.toString(), "--base-url", server.baseUrl()),
                    "Error: Model not found. Run: ollama pull other (available: " + MODEL + ")");
        }
        CliRun json = safety("-m", MODEL, "-p", missing.toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(Json.mapper().readTree(json.stdout()).path("error").asText())
                .isEqualTo("prompts file not found: " + missing);
    }

    private static void assertOneLine(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).containsExactly(line);
    }

    @Test
    void missingRequiredFlagsAreUsageErrors() {
        assertThat(safety().exitCode()).isEqualTo(2);
        assertThat(safety("-m", MODEL).exitCode()).isEqualTo(2);
        assertThat(safety("-m", MODEL, "-p", "x", "-s", "abc").exitCode()).isEqualTo(2);
    }
}

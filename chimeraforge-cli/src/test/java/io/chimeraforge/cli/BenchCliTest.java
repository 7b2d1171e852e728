package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.core.Json;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code chimeraforge bench} end to end against {@link MockLlmServer} on 127.0.0.1. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchCliTest {

    private static final Script FAST = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ZERO)
            .outputTokens(8).build();
    private static MockLlmServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = MockLlmServer.builder().script(FAST).models(List.of("mock-model", "mock-model:q8_0")).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private CliRun bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(dir, all);
    }

    private static Path savedPath(CliRun run) {
        String line = run.stderrLines().stream().filter(l -> l.startsWith("Results saved to: ")).findFirst().orElseThrow();
        return Path.of(line.substring("Results saved to: ".length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ollama", "vllm", "tgi"})
    void jsonRunPrintsOneDocumentAndWritesTheSameValidFile(String backend) throws Exception {
        CliRun run = bench("-m", "mock-model", "-B", backend, "--base-url", server.baseUrl(), "--runs", "3",
                "--warmup", "0", "-o", dir.resolve("out").toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode doc = Json.mapper().readTree(run.stdout());
        assertThat(doc.isArray()).isTrue();
        assertThat(doc).hasSize(1);
        assertThat(doc.get(0).path("backend").asText()).isEqualTo(backend);
        assertThat(doc.get(0).path("aggregate").path("count").asInt()).isEqualTo(3);
        assertThat(doc.get(0).path("individual_runs")).hasSize(3);
        // stdout is exactly that one document; diagnostics are on stderr
        assertThat(run.stdout().strip()).startsWith("[").endsWith("]");
        assertThat(run.stderrLines()).hasSize(2);
        assertThat(run.stderrLines().get(0)).startsWith("Results saved to: ");
        assertThat(run.stderrLines().get(1)).startsWith("Request log saved to: ");
        Path file = savedPath(run);
        assertThat(file).startsWith(dir.resolve("out")).hasFileName("bench_2026-11-22T12-00-00_00-00.json");
        List<BenchResult> saved = BenchResultFiles.read(file);
        assertThat(saved).singleElement().satisfies(r -> {
            assertThat(r.model()).isEqualTo("mock-model");
            assertThat(r.runs()).isEqualTo(3);
            assertThat(r.aggregate().tokensGenerated()).isEqualTo(backend.equals("ollama") ? 24 : 24);
            assertThat(r.timestamp()).isEqualTo("2026-11-22T12:00:00+00:00");
        });
        assertThat(Json.mapper().readTree(Files.readString(file))).isEqualTo(doc);
    }

    @Test
    void textRunPrintsTheReferenceTableAndSavesUnderTheDataDirectoryByDefault() throws Exception {
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--quant", "Q4_K_M");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("mock-model | ollama | Q4_K_M | ctx=2048")
                .contains("Throughput (tok/s)").contains("TTFT (ms)").contains("Total Duration (ms)")
                .contains("Runs: 2 | Total tokens: 16 | Workload: single");
        Path file = savedPath(run);
        assertThat(file).startsWith(dir.resolve(".local/share/chimeraforge/results"));
        assertThat(BenchResultFiles.read(file)).singleElement()
                .satisfies(r -> assertThat(r.quant()).contains("Q4_K_M"));
    }

    @Test
    void liveProgressOnlyOnAnInteractiveStderrAndNeverWithJson() {
        String[] args = {"bench", "-m", "mock-model", "--base-url", server.baseUrl(), "-n", "3", "-o", dir.toString()};
        CliRun interactive = CliRun.interactive(dir, args);
        assertThat(interactive.exitCode()).isZero();
        assertThat(interactive.stderr()).contains("\r[1/1] mock-model | ollama | default | ctx=2048  3/3 requests");
        assertThat(CliRun.of(dir, args).stderr()).doesNotContain("\r");
        String[] json = java.util.Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        CliRun jsonRun = CliRun.interactive(dir, json);
        assertThat(jsonRun.stderr()).doesNotContain("\r").doesNotContain(" requests");
    }

    @Test
    void quantSweepBenchmarksEachMappedTagUnderItsLevel() throws Exception {
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "1", "--warmup", "0",
                "--all-quants", "--quant-tag", "Q4_K_M=mock-model", "--quant-tag", "Q8_0=mock-model:q8_0",
                "-o", dir.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode doc = Json.mapper().readTree(run.stdout());
        assertThat(doc).hasSize(2);
        assertThat(doc.get(0).path("quant").asText()).isEqualTo("Q4_K_M");
        assertThat(doc.get(0).path("model").asText()).isEqualTo("mock-model");
        assertThat(doc.get(1).path("quant").asText()).isEqualTo("Q8_0");
        assertThat(doc.get(1).path("model").asText()).isEqualTo("mock-model:q8_0");
    }

    @Test
    void loadControlsReachTheResultAndTheServer() throws Exception {
        CliRun run = bench("-m", "mock-model", "-B", "vllm", "--base-url", server.baseUrl(), "-w", "server",
                "--rate", "200", "-c", "4", "-n", "6", "--seed", "7", "--max-tokens", "4", "--ignore-eos",
                "--temperature", "0", "--prompt", "short", "--unique-prefix", "--slo-ttft-ms", "1000",
                "--option", "top_k=5", "--request-log", "-o", dir.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode r = Json.mapper().readTree(run.stdout()).get(0);
        assertThat(r.path("workload").asText()).isEqualTo("server");
        assertThat(r.path("load").path("rate").asDouble()).isEqualTo(200.0);
        assertThat(r.path("load").path("concurrency").asInt()).isEqualTo(4);
        assertThat(r.path("load").path("seed").asLong()).isEqualTo(7);
        assertThat(r.path("aggregate").path("tokens_generated").asInt()).isEqualTo(6 * 4);
        assertThat(r.path("aggregate").has("goodput_rps")).isTrue();
        assertThat(r.path("prompt").path("names").get(0).asText()).isEqualTo("short");
        assertThat(run.stderrLines()).anySatisfy(l -> assertThat(l).startsWith("Request log saved to: "));
        String body = server.servedRequests().get(server.servedRequests().size() - 1).body();
        assertThat(body).contains("\"top_k\":5").contains("\"ignore_eos\":true").contains("[request ");
    }

    @Test
    void missingModelIsAUsageErrorExit2() {
        CliRun run = bench("--base-url", server.baseUrl());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--model");
        assertThat(bench("-m", "x", "--runs", "abc").exitCode()).isEqualTo(2);
        assertThat(bench("-m", "x", "--no-such-flag").exitCode()).isEqualTo(2);
    }

    @Test
    void allQuantsWithoutTagsResolvesLevelsFromTheServersTags() throws Exception {
        // the server lists mock-model (no quant suffix) and mock-model:q8_0
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "1", "--warmup", "0",
                "--all-quants", "-o", dir.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode doc = Json.mapper().readTree(run.stdout());
        assertThat(doc).hasSize(1);
        assertThat(doc.get(0).path("quant").asText()).isEqualTo("Q8_0");
        assertThat(doc.get(0).path("model").asText()).isEqualTo("mock-model:q8_0");
    }

    @Test
    void aRequestedQuantLevelTheServerLacksIsOneLineNamingIt() {
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "1", "--quants", "Q8_0,Q4_K_M",
                "-o", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).singleElement().asString().isEqualTo("Error: Quant level(s) not available for"
                + " mock-model at " + server.baseUrl() + ": Q4_K_M (available: Q8_0)");
    }

    @Test
    void agentSweepPrintsAndWritesParallelEfficiencyAndContention() throws Exception {
        try (MockLlmServer slow = MockLlmServer.builder().slots(1).script(Script.builder().ttft(Duration.ofMillis(5))
                .interTokenGap(Duration.ofMillis(5)).outputTokens(8).build()).start()) {
            CliRun run = bench("-m", "mock-model", "--base-url", slow.baseUrl(), "-w", "concurrent", "-c", "1,2",
                    "-n", "4", "--warmup", "0", "-o", dir.toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("Parallel efficiency: ").contains("(2 agents, single agent ")
                    .contains("Contention: ");
            JsonNode doc = Json.mapper().readTree(savedPath(run).toFile());
            JsonNode two = doc.get(1).path("aggregate");
            assertThat(two.path("agents").asInt()).isEqualTo(2);
            assertThat(two.path("single_agent_tps_source").asText()).isEqualTo("run");
            assertThat(two.path("parallel_efficiency").isNumber()).isTrue();
            assertThat(two.path("contention_rate").asDouble()).isBetween(0.0, 1.0);
            assertThat(doc.get(0).path("aggregate").path("parallel_efficiency").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void baselineTpsIsRecordedAsTheSource() throws Exception {
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-w", "concurrent", "-c", "2",
                "-n", "2", "--warmup", "0", "--baseline-tps", "50", "-o", dir.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode agg = Json.mapper().readTree(run.stdout()).get(0).path("aggregate");
        assertThat(agg.path("single_agent_tps").asDouble()).isEqualTo(50.0);
        assertThat(agg.path("single_agent_tps_source").asText()).isEqualTo("baseline_tps");
        assertThat(agg.path("parallel_efficiency").asDouble())
                .isEqualTo(agg.path("output_throughput_tps").asDouble() / 100.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--runs 0|--runs must be positive.",
        "--runs -3|--runs must be positive.",
        "-w server --rate -1|--rate must be positive.",
        "--context abc|--context must be comma-separated positive integers (e.g., 512,1024,2048).",
        "--context 512,0|--context must be comma-separated positive integers (e.g., 512,1024,2048).",
        "--backend nope|Unknown backend: nope. Available: ['ollama', 'vllm', 'tgi']",
        "--workload nope|Unknown profile: nope. Available: ['single', 'batch', 'server', 'concurrent']",
        "-B vllm --all-quants|--all-quants with vllm needs --quant-tag LEVEL=TAG for each level",
        "--quants Q4_K_M,Q9_Z|--quants: unknown quantization level Q9_Z",
        "--quants Q8_0 --all-quants|--quants picks levels to resolve from the server; it cannot be combined with --all-quants",
        "--quants Q8_0 -q Q8_0|--quant cannot be combined with a quant sweep (--quants)",
        "-w concurrent --baseline-tps 0|--baseline-tps must be positive.",
        "-w concurrent -c 0|--concurrency must be in [1, 100000], got 0.",
        "--runs 2147483647|--runs must be in [1, 10000000], got 2147483647.",
        "--warmup 20000|--warmup must be in [0, 10000], got 20000.",
        "--base-url http://localhost:99999|--base-url must be an http(s) URL such as http://localhost:11434, got 'http://localhost:99999'.",
        "--base-url http://user:secret@localhost:99999|--base-url must be an http(s) URL such as http://localhost:11434, got 'http://user:***@localhost:99999'.",
        "--arrival zigzag|--arrival must be one of: poisson, gamma, constant.",
        "--base-url localhost:11434|--base-url must be an http(s) URL such as http://localhost:11434, got 'localhost:11434'.",
        "--idle-timeout 0|--idle-timeout must be a positive number of seconds",
        "--prompts-file /no/such/prompts.txt|prompts file not found: /no/such/prompts.txt",
        "--rate 2|rate applies only to the server workload, not single"})
    void badFlagValuesExit1WithOneLine(String spec) {
        String[] parts = spec.split("\\|", 2);
        List<String> args = new java.util.ArrayList<>(List.of("-m", "mock-model"));
        args.addAll(List.of(parts[0].split(" ")));
        CliRun run = bench(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).singleElement().asString().startsWith("Error: " + parts[1]);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void unreachableServerGivesTheReferenceMessageExit1() throws Exception {
        int port = closedPort();
        CliRun run = bench("-m", "mock-model", "--base-url", "http://127.0.0.1:" + port, "-o", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).containsExactly("Error: Ollama not running at http://127.0.0.1:" + port);

        CliRun json = bench("-m", "mock-model", "-B", "vllm", "--base-url", "http://127.0.0.1:" + port, "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.stderr()).isEmpty();
        assertThat(Json.mapper().readTree(json.stdout()).path("error").asText())
                .isEqualTo("vLLM not running at http://127.0.0.1:" + port);
    }

    @Test
    void unknownModelFailsPreflightWithTheRemediation() {
        CliRun run = bench("-m", "no-such-model", "-B", "vllm", "--base-url", server.baseUrl(), "-o", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly(
                "Error: Model 'no-such-model' not found. Available: mock-model, mock-model:q8_0");
    }

    @Test
    void allRunsFailingExit1WithTheReferenceMessageAndTheFileKept() throws Exception {
        try (MockLlmServer failing = MockLlmServer.builder().script(FAST)
                .faults(FaultPlan.everyNth(1, Fault.HTTP_500)).start()) {
            CliRun run = bench("-m", "mock-model", "--base-url", failing.baseUrl(), "-n", "2", "--warmup", "0",
                    "-o", dir.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderrLines()).singleElement().asString()
                    .startsWith("Error: All 2 benchmark runs failed. Errors: Run 1/2 failed: HTTP 500")
                    .contains("; Run 2/2 failed: HTTP 500")
                    .endsWith("Results saved to: " + dir.resolve("bench_2026-11-22T12-00-00_00-00.json"));
            List<BenchResult> saved = BenchResultFiles.read(dir.resolve("bench_2026-11-22T12-00-00_00-00.json"));
            assertThat(saved).singleElement().satisfies(r -> assertThat(r.aggregate().count()).isZero());
        }
    }

    @Test
    void someFailuresAreWarningsNotErrors() throws Exception {
        try (MockLlmServer flaky = MockLlmServer.builder().script(FAST)
                .faults(FaultPlan.onRequests(Fault.DROP_MID_STREAM, 1)).start()) {
            CliRun run = bench("-m", "mock-model", "--base-url", flaky.baseUrl(), "-n", "3", "--warmup", "0",
                    "-o", dir.toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("Warning: Run 2/3 failed:").contains("Runs: 2 |");
        }
    }

    @Test
    void anApiKeyFromTheEnvironmentAndExtraHeadersReachEveryRequestAndNoOutput() throws Exception {
        String[] args = {"bench", "-m", "mock-model", "-B", "vllm", "--base-url", server.baseUrl(), "-n", "2",
            "--api-key-env", "MY_VLLM_KEY", "--header", "X-Route: cli-test", "--json", "--output-file",
            dir.resolve("auth.json").toString()};
        CliRun run = CliRun.withEnv(dir, java.util.Map.of("MY_VLLM_KEY", "sk-cli-secret"), args);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(server.servedRequests()).filteredOn(r -> r.header("x-route").isPresent()).hasSizeGreaterThan(2)
                .allSatisfy(r -> assertThat(r.header("authorization")).contains("Bearer sk-cli-secret"));
        assertThat(run.stdout() + run.stderr()).doesNotContain("sk-cli-secret");
        assertThat(dir.resolve("auth.json")).content().doesNotContain("sk-cli-secret").contains("mock-model");

        CliRun unset = CliRun.of(dir, "bench", "-m", "mock-model", "-B", "vllm", "--base-url", server.baseUrl(),
                "--api-key-env", "NOT_SET_ANYWHERE");
        assertThat(unset.exitCode()).isEqualTo(1);
        assertThat(unset.stderrLines()).containsExactly(
                "Error: --api-key-env NOT_SET_ANYWHERE: the environment variable is not set.");
        CliRun malformed = bench("-m", "mock-model", "-B", "vllm", "--base-url", server.baseUrl(), "--header", "X-Route");
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.stderrLines()).containsExactly("Error: --header must look like 'Name: value', got 'X-Route'.");
        CliRun managed = bench("-m", "mock-model", "-B", "vllm", "--base-url", server.baseUrl(), "--header", "Host: x");
        assertThat(managed.exitCode()).isEqualTo(1);
        assertThat(managed.stderrLines()).hasSize(1).first().asString().contains("header Host is set by the client itself");
    }

    @Test
    void rampUpSpreadsTheClosedLoopStartAndIsRecorded() throws Exception {
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-w", "concurrent", "-c", "2", "-n", "4",
                "--ramp-up", "0.1", "--json", "--output-file", dir.resolve("ramp.json").toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode doc = Json.mapper().readTree(run.stdout());
        assertThat(doc.get(0).path("schema_extension").isMissingNode()).isFalse();
        assertThat(doc.get(0).path("load").path("ramp_up_s").asDouble()).isEqualTo(0.1);
        CliRun open = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-w", "server", "--rate", "1",
                "--ramp-up", "1");
        assertThat(open.exitCode()).isEqualTo(1);
        assertThat(open.stderrLines()).containsExactly("Error: ramp-up applies only to the concurrent workload, not server");
    }
}

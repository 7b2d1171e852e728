package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code chimeraforge plan} with bad input: exit 1 and exactly one line on stderr ({@code Error:
 * …}) in text mode, or exactly one {@code {"error": …}} document on stdout with {@code --json};
 * usage errors exit 2; a stack trace never leaks. Also the listings, {@code --version}, the
 * default text plan and {@code --pareto --json}.
 *
 * <p>Messages are the reference's (spec section 6) where it has one. NaN, infinities, 1e400 and
 * integers beyond the int range are refused by our CLI where Python would crash or plan nonsense;
 * for those only the shape is asserted: one line that names the flag.
 */
class PlanCliBadInputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HUGE_INT = "99999999999999999999";
    private static final String KNOWN_GPUS = "A100 40GB, A100 80GB, B200 180GB, H100 80GB, H200 141GB, L4 24GB,"
            + " MI300X 192GB, RTX 3080 10GB, RTX 3090 24GB, RTX 4060 8GB, RTX 4060 Ti 16GB, RTX 4060 Ti 8GB,"
            + " RTX 4070 12GB, RTX 4070 Ti 12GB, RTX 4080 12GB, RTX 4080 16GB, RTX 4090 24GB, RTX 5070 12GB,"
            + " RTX 5070 Ti 16GB, RTX 5080 16GB, RTX 5090 32GB, T4 16GB";

    @TempDir
    static Path cache;

    /** A case: the flags after {@code plan}, and the exact message or (if {@code exact} is false) a fragment. */
    record Case(List<String> flags, String message, boolean exact) {
        @Override
        public String toString() {
            return String.join(" ", flags);
        }
    }

    private static Case exact(String message, String... flags) {
        return new Case(List.of(flags), message, true);
    }

    private static Case naming(String fragment, String... flags) {
        return new Case(List.of(flags), fragment, false);
    }

    static Stream<Case> badValues() throws IOException {
        Path dir = Files.createDirectories(cache.resolve("a-directory"));
        Path notJson = cache.resolve("not-json.json");
        Files.writeString(notJson, "this is { not json", StandardCharsets.UTF_8);
        Path array = cache.resolve("array.json");
        Files.writeString(array, "[]", StandardCharsets.UTF_8);
        Path wrongSection = cache.resolve("wrong-section.json");
        Files.writeString(wrongSection, "{\"vram\": 5}", StandardCharsets.UTF_8);
        Path truncated = cache.resolve("truncated.json");
        Files.writeString(truncated, "{\n  \"vram\": {\n    \"overhead_factor\": 1.1,\n", StandardCharsets.UTF_8);
        Path infinite = cache.resolve("infinite.json");
        Files.writeString(infinite, "{\"vram\": {\"overhead_factor\": 1e400}}", StandardCharsets.UTF_8);
        Path missing = cache.resolve("missing").resolve("fitted_models.json");
        return Stream.of(
                // hardware
                exact("'RTX 9999' is not in the hardware DB, so there is nothing to plan against. Known GPUs: "
                        + KNOWN_GPUS + ". Run `chimeraforge plan --list-hardware` for the table.",
                        "--hardware", "RTX 9999"),
                exact("'AMD RX 7900 XTX' is not in the hardware DB, so there is nothing to plan against. Known GPUs: "
                        + KNOWN_GPUS + ". Run `chimeraforge plan --list-hardware` for the table.",
                        "--hardware", "AMD RX 7900 XTX"),
                naming("'' is not in the hardware DB", "--hardware", ""),
                naming("' ' is not in the hardware DB", "--hardware", " "),
                // request rate
                exact("--request-rate must be positive.", "--request-rate", "-1"),
                exact("--request-rate must be positive.", "--request-rate", "0"),
                exact("--request-rate must be positive.", "--request-rate", "nan"),
                exact("--request-rate must be positive.", "--request-rate", "-inf"),
                naming("--request-rate", "--request-rate", "inf"),
                naming("--request-rate", "--request-rate", "1e400"),
                // latency SLO, budget
                exact("--latency-slo must be positive.", "--latency-slo", "-100"),
                exact("--latency-slo must be positive.", "--latency-slo", "NaN"),
                naming("--latency-slo", "--latency-slo", "Infinity"),
                naming("--latency-slo", "--latency-slo", "1e400"),
                exact("--budget must be positive.", "--budget", "-5"),
                exact("--budget must be positive.", "--budget", "nan"),
                naming("--budget", "--budget", "inf"),
                naming("--budget", "--budget", "1e400"),
                // bounded fractions
                exact("--quality-target must be between 0.0 and 1.0.", "--quality-target", "1.5"),
                exact("--quality-target must be between 0.0 and 1.0.", "--quality-target", "nan"),
                exact("--quality-target must be between 0.0 and 1.0.", "--quality-target", "inf"),
                exact("--quality-target must be between 0.0 and 1.0.", "--quality-target", "-0.1"),
                exact("--safety-target must be between 0.0 and 1.0.", "--safety-target", "1.5"),
                exact("--safety-target must be between 0.0 and 1.0.", "--safety-target", "nan"),
                exact("--prefix-cache-hit-rate must be between 0.0 and 1.0.", "--prefix-cache-hit-rate", "-0.2"),
                exact("--prefix-cache-hit-rate must be between 0.0 and 1.0.", "--prefix-cache-hit-rate", "nan"),
                exact("--duty-cycle must be greater than 0.0 and at most 1.0.", "--duty-cycle", "0"),
                exact("--duty-cycle must be greater than 0.0 and at most 1.0.", "--duty-cycle", "nan"),
                exact("--duty-cycle must be greater than 0.0 and at most 1.0.", "--duty-cycle", "inf"),
                // positive rates and SLOs
                exact("--gpu-price-multiplier must be positive.", "--gpu-price-multiplier", "-1"),
                exact("--gpu-price-multiplier must be positive.", "--gpu-price-multiplier", "nan"),
                naming("--gpu-price-multiplier", "--gpu-price-multiplier", "1e400"),
                exact("--host-bandwidth-gbps must be positive.", "--host-bandwidth-gbps", "-3"),
                exact("--host-bandwidth-gbps must be positive.", "--host-bandwidth-gbps", "nan"),
                naming("--host-bandwidth-gbps", "--host-bandwidth-gbps", "inf"),
                exact("--ttft-slo must be positive.", "--ttft-slo", "0"),
                exact("--ttft-slo must be positive.", "--ttft-slo", "nan"),
                naming("--ttft-slo", "--ttft-slo", "inf"),
                exact("--tpot-slo must be positive.", "--tpot-slo", "-5"),
                exact("--tpot-slo must be positive.", "--tpot-slo", "-inf"),
                exact("--electricity-rate must be non-negative.", "--electricity-rate", "-1"),
                exact("--electricity-rate must be non-negative.", "--electricity-rate", "nan"),
                naming("--electricity-rate", "--electricity-rate", "1e400"),
                // integers
                exact("--avg-tokens must be positive.", "--avg-tokens", "0"),
                exact("--avg-tokens must be positive.", "--avg-tokens", "-" + HUGE_INT),
                naming("--avg-tokens", "--avg-tokens", HUGE_INT),
                exact("--reasoning-tokens must be non-negative.", "--reasoning-tokens", "-5"),
                naming("--reasoning-tokens", "--reasoning-tokens", HUGE_INT),
                exact("--context-length must be positive.", "--context-length", "0"),
                exact("--context-length must be positive.", "--context-length", "-2048"),
                naming("--context-length", "--context-length", HUGE_INT),
                naming("--prompt-tokens", "--prompt-tokens", HUGE_INT),
                naming("lora_adapters", "--lora-adapters", "65"),
                naming("--lora-adapters", "--lora-adapters", HUGE_INT),
                naming("--lora-rank", "--lora-rank", HUGE_INT),
                // parallelism
                exact("--tensor-parallel must be a positive integer or 'auto'.", "--tensor-parallel", "banana"),
                exact("--tensor-parallel must be a positive integer or 'auto'.", "--tp", "2.0"),
                exact("--tensor-parallel must be >= 1.", "--tensor-parallel", "0"),
                // g2: digits only (a sign, an underscore are refused); v0.30.0 parsed them as integers
                exact("--tensor-parallel must be a positive integer or 'auto'.", "--tp", "-2"),
                exact("--tensor-parallel must be >= 1.", "--tp", "-2", "--compat", "reference"),
                exact("--tensor-parallel must be a positive integer or 'auto'.", "--tp", "1_0"),
                exact("--tensor-parallel must be a positive integer or 'auto'.", "--tp", "+4"),
                exact("--pipeline-parallel must be a positive integer or 'auto'.", "--pp", "-1"),
                exact("--tensor-parallel must be >= 1.", "--tp", "00"),
                exact("--tensor-parallel must be a positive integer or 'auto'.", "--tp", "0x10"),
                naming("--tensor-parallel", "--tensor-parallel", HUGE_INT),
                exact("--pipeline-parallel must be a positive integer or 'auto'.", "--pp", "banana"),
                naming("--pipeline-parallel", "--pipeline-parallel", HUGE_INT),
                exact("--tensor-parallel and --pipeline-parallel cannot be combined yet; set only one above 1.",
                        "--tp", "2", "--pp", "2"),
                exact("--tensor-parallel and --pipeline-parallel cannot be combined yet; set only one above 1.",
                        "--tp", "auto", "--pp", "4"),
                // choices
                exact("--kv-quant must be one of: fp16, q8, q4.", "--kv-quant", "q3"),
                exact("--workload must be one of: steady, chatbot, bursty, agent.", "--workload", "bogus"),
                // manual overrides
                exact("manual overrides require exactly one --model.", "--model", "llama3.2-3b", "--model",
                        "qwen2.5-3b", "--params-b", "3.0"),
                naming("--params-b", "--model", "acme/x", "--params-b", "nan"),
                naming("--params-b", "--model", "acme/x", "--params-b", "inf"),
                naming("--params-b", "--model", "acme/x", "--params-b", "-7"),
                naming("--n-layers", "--model", "acme/x", "--n-layers", HUGE_INT),
                // model resolution
                naming("resolving model: no registry model is within 50% of '70b'", "--model-size", "70b"),
                naming("resolving model: no registry model is within 50% of 'nanb'", "--model-size", "nanb"),
                naming("resolving model: unrecognised --model-size 'b'", "--model-size", "b"),
                naming("resolving model: could not resolve 'qwen2.5:7b'", "--model", "qwen2.5:7b", "--no-network"),
                // models file
                exact("models file not found: " + missing, "--models-path", missing.toString()),
                naming("invalid models file '" + dir + "'", "--models-path", dir.toString()),
                naming("invalid models file '" + notJson + "'", "--models-path", notJson.toString()),
                naming("invalid models file '" + truncated + "'", "--models-path", truncated.toString()),
                naming("invalid models file '" + array + "'", "--models-path", array.toString()),
                naming("invalid models file '" + wrongSection + "'", "--models-path", wrongSection.toString()),
                naming("invalid models file '" + infinite + "'", "--models-path", infinite.toString()));
    }

    private static String[] argv(List<String> flags, boolean json) {
        List<String> args = new ArrayList<>();
        args.add("plan");
        args.addAll(flags);
        if (json) {
            args.add("--json");
        }
        return args.toArray(new String[0]);
    }

    private static void noStackTrace(CliRun run) {
        for (String stream : List.of(run.stdout(), run.stderr())) {
            assertThat(stream).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\n\tat");
        }
    }

    private static void assertMessage(String actual, Case c) {
        if (c.exact()) {
            assertThat(actual).isEqualTo(c.message());
        } else {
            assertThat(actual).contains(c.message());
        }
    }

    @ParameterizedTest(name = "text: {0}")
    @MethodSource("badValues")
    void textModePrintsOneErrorLine(Case c) {
        CliRun run = CliRun.of(cache, argv(c.flags(), false));
        noStackTrace(run);
        assertThat(run.exitCode()).as("exit code; stderr=%s", run.stderr()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).hasSize(1);
        String line = run.stderrLines().get(0);
        assertThat(line).startsWith("Error: ");
        assertMessage(line.substring("Error: ".length()), c);
    }

    @ParameterizedTest(name = "json: {0}")
    @MethodSource("badValues")
    void jsonModePrintsOneErrorDocument(Case c) throws IOException {
        CliRun run = CliRun.of(cache, argv(c.flags(), true));
        noStackTrace(run);
        assertThat(run.exitCode()).as("exit code; stdout=%s", run.stdout()).isEqualTo(1);
        assertThat(run.stderr()).isEmpty();
        JsonNode document = single(run.stdout());
        assertThat(document.isObject()).isTrue();
        List<String> keys = new ArrayList<>();
        document.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("error");
        assertThat(document.get("error").isTextual()).isTrue();
        assertMessage(document.get("error").asText(), c);
        assertThat(document.get("error").asText()).doesNotContain("\n");
    }

    /** Parses exactly one JSON document; fails on anything after it. */
    private static JsonNode single(String text) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            JsonNode node = MAPPER.readTree(parser);
            assertThat(node).as("a JSON document on stdout: %s", text).isNotNull();
            assertThat(parser.nextToken()).as("nothing after the document: %s", text).isNull();
            return node;
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--request-rate", "fast")),
                Arguments.of(List.of("--context-length", "4k")),
                Arguments.of(List.of("--context-length", "2.5")),
                Arguments.of(List.of("--avg-tokens", "1e3")),
                Arguments.of(List.of("--budget", "$100")),
                Arguments.of(List.of("--no-such-flag")));
    }

    @ParameterizedTest(name = "usage: {0}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwo(List<String> flags) throws IOException {
        CliRun text = CliRun.of(cache, argv(flags, false));
        noStackTrace(text);
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.stdout()).isEmpty();
        assertThat(text.stderr()).isNotBlank();

        CliRun json = CliRun.of(cache, argv(flags, true));
        noStackTrace(json);
        assertThat(json.exitCode()).isEqualTo(2);
        JsonNode document = single(json.stdout());
        assertThat(document.has("error")).isTrue();
        assertThat(document.size()).isEqualTo(1);
    }

    @Test
    void kvQuantIsCaseInsensitive() {
        CliRun run = CliRun.of(cache, "plan", "--kv-quant", "Q8", "--json");
        assertThat(run.exitCode()).isZero();
    }

    // --- listings, version, text plan, pareto -----------------------------------------------

    @Test
    void listHardwareJson() throws IOException {
        CliRun run = CliRun.of(cache, "plan", "--list-hardware", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode array = single(run.stdout());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(22);
        List<String> names = new ArrayList<>();
        for (JsonNode gpu : array) {
            List<String> keys = new ArrayList<>();
            gpu.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("name", "vram_gb", "bandwidth_gbps", "cost_per_hour", "fp16_tflops");
            names.add(gpu.get("name").asText());
        }
        assertThat(names).isSorted();
        assertThat(String.join(", ", names)).isEqualTo(KNOWN_GPUS);
        JsonNode h100 = array.get(names.indexOf("H100 80GB"));
        assertThat(h100.get("vram_gb").asDouble()).isEqualTo(80.0);
        assertThat(h100.get("bandwidth_gbps").asDouble()).isEqualTo(3352.0);
        assertThat(h100.get("cost_per_hour").asDouble()).isEqualTo(2.5);
        assertThat(h100.get("fp16_tflops").asDouble()).isEqualTo(989.0);
        JsonNode rtx4060 = array.get(names.indexOf("RTX 4060 8GB"));
        assertThat(rtx4060.get("cost_per_hour").asDouble()).isEqualTo(0.02);
        assertThat(rtx4060.get("fp16_tflops").asDouble()).isEqualTo(30.2);
    }

    @Test
    void listModelsJson() throws IOException {
        CliRun run = CliRun.of(cache, "plan", "--list-models", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode array = single(run.stdout());
        assertThat(array).hasSize(7);
        List<String> models = new ArrayList<>();
        for (JsonNode model : array) {
            List<String> keys = new ArrayList<>();
            model.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("model", "params_b");
            models.add(model.get("model").asText());
        }
        assertThat(models).containsExactly("llama3.1-8b", "llama3.2-1b", "llama3.2-3b", "phi-2", "qwen2.5-0.5b",
                "qwen2.5-1.5b", "qwen2.5-3b");
        assertThat(array.get(0).get("params_b").asDouble()).isEqualTo(8.03);
        assertThat(array.get(4).get("params_b").asDouble()).isEqualTo(0.49);
    }

    @Test
    void listingsInTextMode() {
        CliRun hardware = CliRun.of(cache, "plan", "--list-hardware");
        assertThat(hardware.exitCode()).isZero();
        assertThat(hardware.stdout()).contains("Available GPUs").contains("MI300X 192GB").contains("$2.500");
        CliRun models = CliRun.of(cache, "plan", "--list-models");
        assertThat(models.exitCode()).isZero();
        assertThat(models.stdout()).contains("Available Models").contains("llama3.1-8b").contains("8.03");
        assertThat(models.stdout().indexOf("qwen2.5-0.5b")).isLessThan(models.stdout().indexOf("llama3.1-8b"));
    }

    @Test
    void version() {
        CliRun run = CliRun.of(cache, "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("chimeraforge");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void defaultTextPlan() {
        CliRun run = CliRun.of(cache, "plan");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).contains("Recommendation").contains("qwen2.5-1.5b").contains("Q6_K")
                .contains("72 total viable configurations evaluated");
    }

    @Test
    void emptyTextPlanExitsZeroAndSaysWhy() {
        CliRun run = CliRun.of(cache, "plan", "--hardware", "H100 80GB");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("No viable configuration found.").contains("Why nothing fit:")
                .contains("qwen2.5-1.5b: blocked at budget gate - ollama: $1800/mo (N=1) > $100");
        CliRun json = CliRun.of(cache, "plan", "--hardware", "H100 80GB", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.stdout().strip()).isEqualTo("[]");
        assertThat(json.stderrLines()).contains("Why nothing fit:",
                "  - llama3.2-3b: blocked at budget gate - ollama: $1800/mo (N=1) > $100");
    }

    @Test
    void paretoJsonPrintsTheNonDominatedFrontier() throws IOException {
        CliRun all = CliRun.of(cache, "plan", "--hardware", "RTX 4090 24GB", "--json");
        CliRun pareto = CliRun.of(cache, "plan", "--hardware", "RTX 4090 24GB", "--pareto", "--json");
        assertThat(all.exitCode()).isZero();
        assertThat(pareto.exitCode()).isZero();
        JsonNode candidates = single(all.stdout());
        JsonNode frontier = single(pareto.stdout());
        assertThat(frontier.isArray()).isTrue();
        assertThat(frontier.size()).isPositive().isLessThan(candidates.size());
        for (JsonNode a : frontier) {
            assertThat(contains(candidates, a)).as("frontier member is a candidate").isTrue();
            for (JsonNode b : candidates) {
                assertThat(dominates(b, a)).as("%s dominated by %s", key(a), key(b)).isFalse();
            }
        }
        for (JsonNode c : candidates) {
            if (!contains(frontier, c)) {
                boolean dominated = false;
                for (JsonNode f : frontier) {
                    dominated |= dominates(f, c);
                }
                assertThat(dominated).as("%s left out but not dominated by the frontier", key(c)).isTrue();
            }
        }
        for (int i = 1; i < frontier.size(); i++) {
            JsonNode p = frontier.get(i - 1);
            JsonNode q = frontier.get(i);
            double pc = p.get("monthly_cost").asDouble();
            double qc = q.get("monthly_cost").asDouble();
            assertThat(pc < qc || (pc == qc && p.get("p95_latency_ms").asDouble() <= q.get("p95_latency_ms").asDouble()))
                    .as("sorted by cost then p95").isTrue();
        }
    }

    private static boolean dominates(JsonNode b, JsonNode a) {
        double bc = b.get("monthly_cost").asDouble();
        double ac = a.get("monthly_cost").asDouble();
        double bp = b.get("p95_latency_ms").asDouble();
        double ap = a.get("p95_latency_ms").asDouble();
        double bq = b.get("quality").asDouble();
        double aq = a.get("quality").asDouble();
        return bc <= ac && bp <= ap && bq >= aq && (bc < ac || bp < ap || bq > aq);
    }

    private static boolean contains(JsonNode array, JsonNode item) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            if (it.next().equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static String key(JsonNode c) {
        return c.get("model").asText() + "/" + c.get("quant").asText() + "/" + c.get("backend").asText();
    }
}

package io.chimeraforge.planner.apicost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Self-host vs hosted-API pricing: spec planner-extensions §5.5 and the golden api_comparison objects. */
class ApiComparisonTest {

    @TempDir
    Path dir;

    private static ApiPrices oneModel(double in, double out) {
        return new ApiPrices(LocalDate.parse("2026-08-18"), "", List.of(new ApiPrices.Provider("p", "P",
                "https://p.example/pricing", LocalDate.parse("2026-08-18"), "frontier",
                List.of(new ApiPrices.Model("m", "M", in, out)))), List.of());
    }

    @Test
    void breakEvenIsTheVolumeAtWhichBothCostTheSame() {
        // 1M requests a month: 1e6 / 2,592,000 s
        double rate = 1_000_000 / ApiComparison.SECONDS_PER_MONTH;
        ApiComparison c = ApiComparison.of(oneModel(2, 10), 1800, rate, 512, 128, LocalDate.parse("2026-08-18"));
        ApiOption o = c.options().get(0);
        assertThat(o.monthlyCostUsd()).isEqualTo(2304.0);
        assertThat(o.breakevenOutputTokensMonth()).hasValue(100_000_000);
        ApiComparison atBreakEven = ApiComparison.of(oneModel(2, 10), 1800, 781_250 / ApiComparison.SECONDS_PER_MONTH,
                512, 128, LocalDate.parse("2026-08-18"));
        assertThat(atBreakEven.options().get(0).monthlyCostUsd()).isEqualTo(1800.0);
    }

    @Test
    void volumeAndNullBreakEvens() {
        ApiComparison c = ApiComparison.of(ApiPrices.bundled(), 100, 1.0, 512, 0, LocalDate.parse("2026-08-18"));
        assertThat(c.requestsPerMonth()).isEqualTo(2_592_000);
        assertThat(c.options()).allMatch(o -> o.breakevenOutputTokensMonth().isEmpty());
        ApiComparison idle = ApiComparison.of(oneModel(2, 10), 100, -3, 512, 128, LocalDate.parse("2026-08-18"));
        assertThat(idle.requestsPerMonth()).isZero();
        assertThat(idle.options().get(0).costPerRequestUsd()).isZero();
    }

    @Test
    void verdictFollowsTheBillAndOptionsAreSortedByCost() {
        LocalDate day = LocalDate.parse("2026-08-18");
        assertThat(ApiComparison.of(ApiPrices.bundled(), 1e9, 2, 512, 128, day).options())
                .noneMatch(ApiOption::selfHostCheaper);
        assertThat(ApiComparison.of(ApiPrices.bundled(), 0.01, 2, 512, 128, day).options())
                .allMatch(ApiOption::selfHostCheaper);
        List<Double> costs = ApiComparison.of(ApiPrices.bundled(), 1800, 2, 512, 128, day).options().stream()
                .map(ApiOption::monthlyCostUsd).toList();
        assertThat(costs).isSorted().hasSize(11);
    }

    @Test
    void ageClampsAndStalenessStartsAfterNinetyDays() {
        ApiPrices p = oneModel(1, 1);
        assertThat(ApiComparison.of(p, 1, 1, 1, 1, LocalDate.parse("2026-09-04")).pricesAgeDays()).isEqualTo(17);
        assertThat(ApiComparison.of(p, 1, 1, 1, 1, LocalDate.parse("2026-01-01")).pricesAgeDays()).isZero();
        assertThat(ApiComparison.of(p, 1, 1, 1, 1, LocalDate.parse("2026-08-18").plusDays(90)).pricesStale()).isFalse();
        assertThat(ApiComparison.of(p, 1, 1, 1, 1, LocalDate.parse("2026-08-18").plusDays(91)).pricesStale()).isTrue();
    }

    @Test
    void bundledSnapshotIsValidAndDated() {
        ApiPrices p = ApiPrices.bundled();
        assertThat(p.capturedAt()).isEqualTo(LocalDate.parse("2026-08-18"));
        assertThat(p.providers()).extracting(ApiPrices.Provider::priceClass).containsExactly("open", "frontier");
        assertThat(p.providers()).allMatch(x -> x.sourceUrl().startsWith("https://"));
        assertThat(p.providers().stream().flatMap(x -> x.models().stream()))
                .hasSize(11).allMatch(m -> m.inputPer1mUsd() > 0 && m.outputPer1mUsd() > 0);
    }

    @Test
    void spotChecksOnTheBundledSnapshot() {
        ApiComparison c = ApiComparison.of(ApiPrices.bundled(), 1800, 2, 512, 128, LocalDate.parse("2026-08-21"));
        assertThat(c.requestsPerMonth()).isEqualTo(5_184_000);
        assertThat(c.pricesAgeDays()).isEqualTo(3);
        ApiOption first = c.options().get(0);
        assertThat(first.key()).isEqualTo("together:gemma-3n-e4b");
        assertThat(first.monthlyCostUsd()).isEqualTo(238.88);
        assertThat(first.breakevenOutputTokensMonth()).hasValue(5_000_000_000L);
        ApiOption sonnet = c.options().stream().filter(o -> o.key().endsWith("sonnet-5")).findFirst().orElseThrow();
        assertThat(sonnet.monthlyCostUsd()).isEqualTo(11943.94);
        assertThat(sonnet.breakevenOutputTokensMonth()).hasValue(100_000_000);
        assertThat(c.options().stream().filter(ApiOption::selfHostCheaper).map(ApiOption::key)).containsExactlyInAnyOrder(
                "together:llama-3.3-70b", "anthropic:claude-haiku-4-5", "anthropic:claude-sonnet-5",
                "anthropic:claude-opus-5");
    }

    static Stream<Arguments> golden() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = ApiComparisonTest.class.getResourceAsStream("/golden/api-comparison.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode rec = Json.mapper().readTree(line);
                out.add(Arguments.of(rec.get("id").asText(), rec));
            }
        }
        assertThat(out).hasSize(3);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void reproducesTheReferenceObject(String id, JsonNode rec) throws IOException {
        JsonNode in = rec.get("input");
        ApiComparison c = ApiComparison.of(ApiPrices.bundled(), in.get("self_host_monthly_usd").asDouble(),
                in.get("request_rate").asDouble(), in.get("prompt_tokens").asInt(), in.get("output_tokens").asInt(),
                LocalDate.parse(in.get("today").asText()));
        StringWriter text = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(text)) {
            c.writeJson(g);
        }
        assertThat(Json.mapper().readTree(text.toString()).toString()).isEqualTo(rec.get("output").toString());
    }

    @Test
    void invalidSnapshotsNameTheKey() throws IOException {
        String good = new String(ApiComparisonTest.class.getResourceAsStream(
                "/io/chimeraforge/planner/apicost/api-prices.json").readAllBytes(), StandardCharsets.UTF_8);
        String[][] cases = {
            {"\"schema_version\": 1", "\"schema_version\": 2", "schema_version must be 1"},
            {"\"class\": \"open\"", "\"class\": \"closed\"", "providers.together.class must be 'open' or 'frontier'"},
            {"https://www.together.ai", "http://www.together.ai", "providers.together.source_url must start with https://"},
            {"\"input_per_1m\": 1.04", "\"input_per_1m\": true", "providers.together.models.llama-3.3-70b.input_per_1m must be a number"},
            {"\"output_per_1m\": 25.0", "\"output_per_1m\": 2500", "providers.anthropic.models.claude-opus-5.output_per_1m must be between"},
            {"\"captured_at\": \"2026-08-18\",\n  \"note\"", "\"captured_at\": \"18/08/2026\",\n  \"note\"", "captured_at must be an ISO date"},
        };
        for (String[] c : cases) {
            assertThat(good).contains(c[0]);
            Path f = dir.resolve("prices.json");
            Files.writeString(f, good.replaceFirst(java.util.regex.Pattern.quote(c[0]),
                    java.util.regex.Matcher.quoteReplacement(c[1])));
            assertThatThrownBy(() -> ApiPrices.read(f)).isInstanceOf(PricingException.class)
                    .hasMessageContaining(c[2]).hasMessageStartingWith("price file " + f);
        }
        Path dup = dir.resolve("dup.json");
        Files.writeString(dup, good.replaceFirst("\"note\"", "\"schema_version\": 1, \"note\""));
        assertThatThrownBy(() -> ApiPrices.read(dup)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ApiPrices.read(dir.resolve("none.json"))).hasMessageStartingWith("price file not found");
        Path cheaperOut = dir.resolve("cheap.json");
        Files.writeString(cheaperOut, good.replace("\"input_per_1m\": 5.0, \"output_per_1m\": 25.0",
                "\"input_per_1m\": 30.0, \"output_per_1m\": 25.0"));
        assertThat(ApiPrices.read(cheaperOut).notes()).containsExactly("anthropic:claude-opus-5 prices output below input");
    }
}

package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every analysis record of golden {@code analysis.jsonl}: each statistic to the last bit. */
class AccuracyGoldenTest {

    static Stream<Arguments> records() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = AccuracyGoldenTest.class.getResourceAsStream("/golden/analysis.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode record = new ObjectMapper().readTree(line);
                if (record.get("kind").asText().equals("analysis")) {
                    out.add(Arguments.of(record.get("id").asText(), record));
                }
            }
        }
        assertThat(out).hasSize(17);
        return out.stream();
    }

    private static double[] series(JsonNode n) {
        double[] xs = new double[n.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = n.get(i).asDouble();
        }
        return xs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void matchesTheReference(String id, JsonNode record) {
        double[] actual = series(record.at("/input/actual"));
        double[] predicted = series(record.at("/input/predicted"));
        JsonNode out = record.get("output");
        check(out.get("rmse"), actual, predicted, Accuracy::rmse);
        check(out.get("mae"), actual, predicted, Accuracy::mae);
        check(out.get("mape"), actual, predicted, Accuracy::mape);
        check(out.get("r_squared"), actual, predicted, Accuracy::rSquared);
        JsonNode analyze = out.get("analyze");
        if (analyze.has("error")) {
            assertThatThrownBy(() -> Accuracy.of(actual, predicted)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(analyze.get("error").asText());
        } else {
            Accuracy a = Accuracy.of(actual, predicted);
            assertThat(a).isEqualTo(new Accuracy(analyze.get("rmse").asDouble(), analyze.get("mae").asDouble(),
                    analyze.get("mape").asDouble(), analyze.get("r_squared").asDouble(),
                    analyze.get("n_samples").asInt()));
        }
    }

    private static void check(JsonNode expected, double[] actual, double[] predicted,
            BiFunction<double[], double[], Double> statistic) {
        if (expected.has("error")) {
            assertThatThrownBy(() -> statistic.apply(actual, predicted)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected.get("error").asText());
        } else {
            assertThat(statistic.apply(actual, predicted)).isEqualTo(expected.asDouble());
        }
    }
}

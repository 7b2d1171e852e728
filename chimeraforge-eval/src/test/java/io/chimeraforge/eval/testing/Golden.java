package io.chimeraforge.eval.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Loads golden records from test resources and compares JSON trees field by field. */
public final class Golden {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Golden() {
    }

    /** Every record of {@code golden/<file>} whose kind is {@code kind}, in file order. */
    public static List<JsonNode> records(String file, String kind) {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource golden/" + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = MAPPER.readTree(line);
                if (node.get("kind").asText().equals(kind)) {
                    out.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Parses JSON text. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts a Java tree (maps, lists, numbers) to a JsonNode. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A double from a golden number, or NaN from the string "NaN". */
    public static double number(JsonNode n) {
        if (n.isTextual() && n.asText().equals("NaN")) {
            return Double.NaN;
        }
        assertThat(n.isNumber()).as("expected a number, got %s", n).isTrue();
        return n.doubleValue();
    }

    /**
     * Asserts the two trees are equal: same keys in the same order, same strings, booleans, nulls
     * and integer-vs-float kinds; floats within {@code tolerance} (absolute, or relative for large
     * magnitudes).
     */
    public static void assertJsonEquals(String where, JsonNode expected, JsonNode actual, double tolerance) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("%s: expected an object, got %s", where, actual).isTrue();
            List<String> ek = new ArrayList<>();
            expected.fieldNames().forEachRemaining(ek::add);
            List<String> ak = new ArrayList<>();
            actual.fieldNames().forEachRemaining(ak::add);
            assertThat(ak).as("%s: keys (in order)", where).containsExactlyElementsOf(ek);
            Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                assertJsonEquals(where + "." + e.getKey(), e.getValue(), actual.get(e.getKey()), tolerance);
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s: expected an array, got %s", where, actual).isTrue();
            assertThat(actual.size()).as("%s: array size", where).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertJsonEquals(where + "[" + i + "]", expected.get(i), actual.get(i), tolerance);
            }
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as("%s: expected a number, got %s", where, actual).isTrue();
            assertThat(actual.isIntegralNumber()).as("%s: integer vs float kind (%s vs %s)", where, expected, actual)
                    .isEqualTo(expected.isIntegralNumber());
            assertClose(where, expected.doubleValue(), actual.doubleValue(), tolerance);
        } else if (expected.isTextual() || expected.isBoolean() || expected.isNull()) {
            assertThat(actual).as(where).isEqualTo(expected);
        } else {
            fail("%s: unexpected node %s", where, expected);
        }
    }

    /** Asserts two doubles agree within tolerance; NaN equals NaN. */
    public static void assertClose(String where, double expected, double actual, double tolerance) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as("%s: expected NaN", where).isNaN();
            return;
        }
        double scale = Math.max(1.0, Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as("%s: expected %s, got %s", where, expected, actual)
                .isLessThanOrEqualTo(tolerance * scale);
    }
}

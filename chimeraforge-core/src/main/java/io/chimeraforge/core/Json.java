package io.chimeraforge.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;

/**
 * The project's one configured Jackson mapper, and a writer for numbers in the reference's text
 * form.
 *
 * <p>The mapper is immutable once built (Jackson mappers are thread-safe for reading and writing
 * after configuration), so sharing it is not shared mutable state. Field names in files and
 * {@code --json} output are snake_case to interoperate with the Python tool.
 */
public final class Json {

    /** Streaming reads and writes need no data binding, whose set-up dominates a cold start. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final class Mapper {
        static final JsonMapper INSTANCE = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** The shared mapper: snake_case names, unknown properties ignored on read. */
    public static JsonMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** The shared streaming factory (no data binding): cheap to touch on a cold start. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * A generator that lays JSON out as Python's {@code json.dumps(obj, indent=2)} does: two-space
     * indent, every array element and object entry on its own line, {@code ": "} between key and
     * value, {@code []} and {@code {}} for empty containers, non-ASCII escaped. Numbers written
     * with {@link #writePyNumber} then match the reference's files character for character.
     */
    public static JsonGenerator pythonStyleGenerator(Writer out) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out);
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.NONE)
                .withArrayValueSpacing(Separators.Spacing.NONE)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        generator.setPrettyPrinter(printer);
        generator.enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
        return generator;
    }

    /**
     * Writes a double as Python's {@code json.dumps} would (its {@code repr}), so {@code 2586.8}
     * stays {@code 2586.8} and {@code 331776000.0} is not turned into {@code 3.31776E8}.
     * Non-finite values, which JSON cannot hold, are written as {@code null}.
     */
    public static void writePyNumber(JsonGenerator out, double value) throws IOException {
        if (!Double.isFinite(value)) {
            out.writeNull();
        } else {
            out.writeNumber(PyNumbers.repr(value));
        }
    }

    /**
     * Writes a JSON tree with every floating-point number as {@link #writePyNumber} writes it
     * ({@code 331776000.0}, not {@code 3.31776E8}); integers stay integers.
     */
    public static void writePyTree(JsonGenerator out, com.fasterxml.jackson.databind.JsonNode node) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            for (java.util.Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it =
                    node.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
                out.writeFieldName(e.getKey());
                writePyTree(out, e.getValue());
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (com.fasterxml.jackson.databind.JsonNode element : node) {
                writePyTree(out, element);
            }
            out.writeEndArray();
        } else if (node.isFloatingPointNumber()) {
            writePyNumber(out, node.doubleValue());
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isNull() || node.isMissingNode()) {
            out.writeNull();
        } else {
            out.writeString(node.asText());
        }
    }

    /** {@code "name": value} with the value as {@link #writePyNumber} writes it. */
    public static void writePyNumberField(JsonGenerator out, String name, double value) throws IOException {
        out.writeFieldName(name);
        writePyNumber(out, value);
    }

    /**
     * Appends {@code value} as a JSON string literal, quotes included, for code that writes JSON
     * text by hand on a hot path. Quote, backslash, newline, carriage return, tab, backspace and
     * form feed get their two-character escapes, other control characters a backslash-u escape
     * with four hex digits; with {@code asciiOnly}, every character outside space..tilde is escaped
     * that way too, as Python's {@code json.dumps} does by default.
     */
    public static StringBuilder appendQuoted(StringBuilder out, String value, boolean asciiOnly) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7E)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}

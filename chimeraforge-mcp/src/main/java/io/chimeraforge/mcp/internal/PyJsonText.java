package io.chimeraforge.mcp.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** A JSON tree as text, floats written as Python prints them ({@code 331776000.0}, not {@code 3.31776E8}). */
public final class PyJsonText {

    private PyJsonText() {
    }

    /** {@code node} as compact JSON text. */
    public static String of(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            Json.writePyTree(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

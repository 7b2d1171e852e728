package io.chimeraforge.planner.refit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** Writes a JSON tree with floating-point numbers as Python prints them (so files diff cleanly against the reference's). */
final class PyTree {

    private PyTree() {
    }

    static void write(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    out.writeFieldName(e.getKey());
                    write(out, e.getValue());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(out, element);
                }
                out.writeEndArray();
            }
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    out.writeNumber(node.bigIntegerValue());
                } else {
                    Json.writePyNumber(out, node.doubleValue());
                }
            }
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            default -> out.writeNull();
        }
    }
}

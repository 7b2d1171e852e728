package io.chimeraforge.report.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Captured measurements: cell key → metric → value. */
public final class Measurements {

    private Measurements() {
    }

    /**
     * Reads a measurements file: either {@code {cell_key: {metric: value}}} or a previous audit's JSON
     * (its {@code cells[].key → measured}, empty ones skipped).
     *
     * @param path the file
     * @return an unmodifiable map, in file order
     * @throws AuditException when the file is missing, not JSON or not keyed by cell
     */
    public static Map<String, Map<String, Double>> read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AuditException("measurements file not found: " + path);
        } catch (IOException e) {
            throw new AuditException("measurements file could not be read: " + path + " (" + e.getMessage() + ")");
        }
        return parse(text);
    }

    /**
     * Parses a measurements document (see {@link #read(Path)}).
     *
     * @param json the document
     * @return an unmodifiable map
     */
    public static Map<String, Map<String, Double>> parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AuditException("measurements file is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new AuditException("measurements must be an object keyed by cell");
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        if (root.has("cells") && root.get("cells").isArray() && root.has("matrix_fingerprint")) {
            for (JsonNode cell : root.get("cells")) {
                Map<String, Double> values = metrics(cell.get("measured"));
                if (cell.hasNonNull("key") && !values.isEmpty()) {
                    out.put(cell.get("key").asText(), values);
                }
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isObject()) {
                throw new AuditException("measurements must be an object keyed by cell");
            }
            out.put(entry.getKey(), metrics(entry.getValue()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<String, Double> metrics(JsonNode node) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    values.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        return values;
    }
}

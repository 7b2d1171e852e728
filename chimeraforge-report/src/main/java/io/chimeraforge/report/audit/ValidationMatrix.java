package io.chimeraforge.report.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A pre-registered, fingerprinted matrix of configurations to audit on one GPU.
 *
 * @param hardware     GPU name, as the planner matches it
 * @param registeredAt the ISO date the matrix was registered
 * @param notes        free text, excluded from the fingerprint
 * @param cells        the configurations, at least one, with distinct keys
 */
public record ValidationMatrix(String hardware, String registeredAt, Optional<String> notes, List<MatrixCell> cells) {

    /** Validates the matrix: an ISO date, at least one cell, no duplicate keys. */
    public ValidationMatrix {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(registeredAt, "registeredAt");
        notes = Objects.requireNonNull(notes, "notes");
        cells = List.copyOf(cells);
        try {
            LocalDate.parse(registeredAt);
        } catch (DateTimeParseException e) {
            throw new AuditException("registered_at '" + registeredAt + "' is not an ISO date");
        }
        if (cells.isEmpty()) {
            throw new AuditException("matrix declares no cells");
        }
        Set<String> keys = new HashSet<>();
        for (MatrixCell cell : cells) {
            if (!keys.add(cell.key())) {
                throw new AuditException("matrix contains duplicate cells");
            }
        }
    }

    /**
     * Reads a matrix file.
     *
     * @param path the JSON file
     * @return the validated matrix
     * @throws AuditException when the file is missing, not JSON or not a valid matrix
     */
    public static ValidationMatrix read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AuditException("matrix file not found: " + path);
        } catch (IOException e) {
            throw new AuditException("matrix file could not be read: " + path + " (" + e.getMessage() + ")");
        }
        return parse(text);
    }

    /**
     * Parses a matrix document.
     *
     * @param json the matrix JSON
     * @return the validated matrix
     * @throws AuditException when the text is not JSON or not a valid matrix
     */
    public static ValidationMatrix parse(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new AuditException("matrix file is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new AuditException("matrix must be a JSON object");
        }
        for (String field : List.of("hardware", "registered_at", "cells")) {
            if (!root.has(field) || root.get(field).isNull()) {
                throw new AuditException("matrix is missing required field '" + field + "'");
            }
        }
        if (!root.get("cells").isArray()) {
            throw new AuditException("matrix field 'cells' must be a list");
        }
        List<MatrixCell> cells = new ArrayList<>();
        for (JsonNode cell : root.get("cells")) {
            cells.add(cell(cell));
        }
        JsonNode notes = root.get("notes");
        return new ValidationMatrix(root.get("hardware").asText(), root.get("registered_at").asText(),
                notes == null || notes.isNull() ? Optional.empty() : Optional.of(notes.asText()), cells);
    }

    private static MatrixCell cell(JsonNode node) {
        if (!node.isObject()) {
            throw new AuditException("cell must be an object");
        }
        for (String field : List.of("model", "quant", "backend")) {
            if (!node.has(field) || node.get(field).isNull()) {
                throw new AuditException("cell is missing required field '" + field + "'");
            }
        }
        return new MatrixCell(node.get("model").asText(), node.get("quant").asText(), node.get("backend").asText(),
                integer(node, "context_length", 2048), integer(node, "prompt_tokens", 512),
                integer(node, "avg_tokens", 128), integer(node, "batch", 1));
    }

    private static int integer(JsonNode cell, String field, int fallback) {
        JsonNode value = cell.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.asInt() < 1) {
            throw new AuditException("cell field '" + field + "' must be a positive integer, got " + value);
        }
        return value.asInt();
    }

    /**
     * The SHA-256 hex digest of the compact, key-sorted, ASCII-escaped JSON
     * {@code {"cells": sorted keys, "hardware": …, "registered_at": …}}: independent of cell order and
     * notes, changed by any edit to a cell, the hardware or the date.
     *
     * @return 64 lower-case hex characters
     */
    public String fingerprint() {
        List<String> keys = new ArrayList<>();
        for (MatrixCell cell : cells) {
            keys.add(cell.key());
        }
        keys.sort(null);
        StringBuilder json = new StringBuilder("{\"cells\":[");
        for (int i = 0; i < keys.size(); i++) {
            json.append(i == 0 ? "" : ",");
            Json.appendQuoted(json, keys.get(i), true);
        }
        json.append("],\"hardware\":");
        Json.appendQuoted(json, hardware, true);
        json.append(",\"registered_at\":");
        Json.appendQuoted(json, registeredAt, true);
        json.append('}');
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.toString().getBytes(StandardCharsets.US_ASCII));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

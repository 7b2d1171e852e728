package io.chimeraforge.planner.workload.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyFloat;
import io.chimeraforge.planner.workload.ProfileField;
import io.chimeraforge.planner.workload.ProfileKey;
import io.chimeraforge.planner.workload.WorkloadException;
import io.chimeraforge.planner.workload.WorkloadProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads and writes profile files in the reference's schema 1 layout. */
public final class ProfileJson {

    /** Profiles are a few hundred bytes; anything this large is not one. */
    static final int MAX_PROFILE_BYTES = 1 << 20;

    private static final DateTimeFormatter CAPTURED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'");

    private ProfileJson() {
    }

    /** The profile as two-space-indented JSON. */
    public static String write(WorkloadProfile p) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.pythonStyleGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", WorkloadProfile.SCHEMA_VERSION);
            g.writeStringField("captured_at", CAPTURED_AT.format(p.capturedAt().atOffset(ZoneOffset.UTC)));
            g.writeStringField("source", p.source());
            g.writeStringField("engine", p.engine());
            g.writeStringField("engine_version", p.engineVersion());
            g.writeNumberField("sample_count", p.sampleCount());
            Json.writePyNumberField(g, "window_seconds", p.windowSeconds());
            g.writeObjectFieldStart("fields");
            for (Map.Entry<ProfileKey, ProfileField> e : p.fields().entrySet()) {
                g.writeObjectFieldStart(e.getKey().id());
                Json.writePyNumberField(g, "value", e.getValue().value());
                g.writeStringField("provenance", e.getValue().provenance());
                g.writeStringField("note", e.getValue().note());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("absent");
            for (ProfileKey k : p.absent()) {
                g.writeString(k.id());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String n : p.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Reads a profile file. */
    public static WorkloadProfile read(Path file, Compat compat) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PROFILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new WorkloadException("workload profile not found: " + file);
        } catch (IOException e) {
            throw new WorkloadException("cannot read workload profile " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_PROFILE_BYTES) {
            throw new WorkloadException("workload profile " + file + " is larger than " + MAX_PROFILE_BYTES
                    + " bytes: not a profile");
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new WorkloadException("workload profile is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WorkloadException("workload profile is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WorkloadException("workload profile is not valid JSON: expected an object");
        }
        JsonNode version = root.get("schema_version");
        if (version == null || !version.isIntegralNumber() || version.asLong() != WorkloadProfile.SCHEMA_VERSION) {
            throw new WorkloadException("workload profile " + file + " has schema_version "
                    + (version == null ? "(none)" : version.toString()) + ", but this version reads schema_version "
                    + WorkloadProfile.SCHEMA_VERSION + ": regenerate the profile from its request log or metrics");
        }
        WorkloadProfile.Builder b = WorkloadProfile.builder()
                .source(text(root, "source", ""))
                .engine(text(root, "engine", "unknown"))
                .engineVersion(text(root, "engine_version", "unknown"))
                .capturedAt(instant(root.path("captured_at").asText("")));
        JsonNode samples = root.get("sample_count");
        if (samples != null && samples.isNumber() && samples.asLong() >= 0) {
            b.sampleCount(samples.asLong());
        }
        JsonNode window = root.get("window_seconds");
        if (window != null && window.isNumber() && window.asDouble() >= 0 && Double.isFinite(window.asDouble())) {
            b.windowSeconds(window.asDouble());
        }
        String defaultProvenance = compat == Compat.REFERENCE ? ProfileField.ESTIMATED : ProfileField.UNKNOWN;
        JsonNode fields = root.path("fields");
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ProfileField f = field(e.getKey(), e.getValue(), defaultProvenance);
            ProfileKey.fromId(e.getKey()).ifPresent(k -> b.field(k, f));
        }
        for (JsonNode a : root.path("absent")) {
            ProfileKey.fromId(a.asText()).ifPresent(b::absent);
        }
        for (JsonNode n : root.path("notes")) {
            b.note(n.asText());
        }
        return b.build();
    }

    private static ProfileField field(String name, JsonNode node, String defaultProvenance) {
        if (!node.isObject()) {
            throw malformed(name, "'" + pythonType(node) + "' object is not subscriptable");
        }
        JsonNode value = node.get("value");
        if (value == null) {
            throw malformed(name, "'value'");
        }
        double v;
        if (value.isNumber()) {
            v = value.asDouble();
        } else if (value.isBoolean()) {
            v = value.asBoolean() ? 1.0 : 0.0;
        } else if (value.isTextual()) {
            OptionalDouble parsed = PyFloat.parse(value.asText());
            if (parsed.isEmpty()) {
                throw malformed(name, "could not convert string to float: '" + value.asText() + "'");
            }
            v = parsed.getAsDouble();
        } else {
            throw malformed(name, "float() argument must be a string or a real number, not '" + pythonType(value)
                    + "'");
        }
        JsonNode provenance = node.get("provenance");
        JsonNode note = node.get("note");
        return new ProfileField(v, provenance == null || provenance.isNull() ? defaultProvenance : provenance.asText(),
                note == null || note.isNull() ? "" : note.asText());
    }

    private static WorkloadException malformed(String name, String detail) {
        return new WorkloadException("workload profile field '" + name + "' is malformed: " + detail);
    }

    private static String pythonType(JsonNode n) {
        if (n.isNull()) {
            return "NoneType";
        } else if (n.isBoolean()) {
            return "bool";
        } else if (n.isIntegralNumber()) {
            return "int";
        } else if (n.isNumber()) {
            return "float";
        } else if (n.isTextual()) {
            return "str";
        } else if (n.isArray()) {
            return "list";
        }
        return "dict";
    }

    private static String text(JsonNode root, String key, String fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.EPOCH; // informational only: a profile without a readable stamp still plans
        }
    }
}

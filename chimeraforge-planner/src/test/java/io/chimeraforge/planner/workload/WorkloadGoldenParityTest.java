package io.chimeraforge.planner.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays golden {@code workload.jsonl} (24 logs and scrapes) through {@link WorkloadProfiler} in
 * both behaviours and compares every key of the profile: values, provenance, notes, absent lists,
 * sample counts and windows.
 */
class WorkloadGoldenParityTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = WorkloadGoldenParityTest.class.getResourceAsStream("/golden/workload.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode record = Json.mapper().readTree(line);
                out.add(Arguments.of(record.get("id").asText(), record, Compat.REFERENCE));
                out.add(Arguments.of(record.get("id").asText(), record, Compat.CORRECTED));
            }
        }
        assertThat(out).hasSize(48);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void replays(String id, JsonNode record, Compat compat) throws IOException {
        Path file = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = record.at("/input/files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            file = dir.resolve(f.getKey());
            Files.writeString(file, f.getValue().asText(), StandardCharsets.UTF_8);
        }
        List<String> argv = new ArrayList<>();
        record.at("/input/argv").forEach(a -> argv.add(a.asText()));
        WorkloadProfiler profiler = WorkloadProfiler.builder().compat(compat)
                .clock(Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC)).build();
        WorkloadProfile profile = argv.contains("--from-log") ? profiler.fromLog(file)
                : profiler.fromMetrics(file, argv.get(argv.indexOf("--engine") + 1), "unknown");

        JsonNode expected = record.at("/" + (compat == Compat.REFERENCE ? "reference" : "corrected") + "/output");
        ObjectNode actual = (ObjectNode) Json.mapper().readTree(profile.toJson());
        assertThat(actual.remove("captured_at").asText()).isEqualTo("2026-12-02T10:00:00+00:00");
        assertThat(actual.get("source").asText()).isEqualTo(file.toString());
        actual.put("source", file.getFileName().toString()); // the golden keeps paths relative to the case folder
        assertThat(actual.toString()).isEqualTo(expected.toString());
        assertThat(Json.mapper().readTree(profile.toJson())).isNotNull();
    }
}

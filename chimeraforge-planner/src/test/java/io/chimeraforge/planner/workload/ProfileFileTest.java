package io.chimeraforge.planner.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.Compat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profile files: round trip, schema and malformed fields (spec §7.7 item 9, corrections g5/g6). */
class ProfileFileTest {

    @TempDir
    Path dir;

    private WorkloadProfile sample() throws IOException {
        Path log = dir.resolve("requests.jsonl");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("{\"timestamp\": ").append(1000 + i * 1.5 + (i % 3)).append(", \"prompt_tokens\": ")
                    .append(100 + i).append(", \"completion_tokens\": ").append(20 + (i * 7) % 50)
                    .append(", \"cached_tokens\": ").append(i % 2 * 40).append("}\n");
        }
        Files.writeString(log, text);
        return WorkloadProfiler.builder().clock(Clock.fixed(Instant.parse("2026-11-22T15:26:07.123Z"), ZoneOffset.UTC))
                .build().fromLog(log);
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        WorkloadProfile p = sample();
        Path file = dir.resolve("out/profile.json");
        p.write(file);
        assertThat(Files.readString(file)).endsWith("}\n").contains("\"captured_at\": \"2026-11-22T15:26:07+00:00\"");
        WorkloadProfile back = WorkloadProfile.read(file);
        assertThat(back).isEqualTo(p);
        assertThat(back.planInputs()).isEqualTo(p.planInputs());
        assertThat(back.absent()).isEqualTo(p.absent());
        assertThat(p.planInputs().promptTokens()).hasValue(120); // 119.5 rounds half to even
        assertThat(p.toMarkdown()).contains("Not measured", "workload_cv2", "not defaulted");
    }

    @Test
    void otherSchemasBadJsonAndMissingFilesAreRefused() throws IOException {
        Path v99 = dir.resolve("v99.json");
        Files.writeString(v99, "{\"schema_version\": 99, \"fields\": {}}");
        assertThatThrownBy(() -> WorkloadProfile.read(v99)).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("schema_version").hasMessageContaining("regenerate");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema_version\": 1,");
        assertThatThrownBy(() -> WorkloadProfile.read(bad)).hasMessageStartingWith("workload profile is not valid JSON");
        assertThatThrownBy(() -> WorkloadProfile.read(dir.resolve("none.json")))
                .hasMessage("workload profile not found: " + dir.resolve("none.json"));
    }

    @Test
    void malformedFieldsAreOneErrorInBothModes() throws IOException {
        for (Compat compat : Compat.values()) {
            for (var c : List.of(
                    List.of("{\"value\": \"abc\"}", "could not convert string to float: 'abc'"),
                    List.of("{\"provenance\": \"measured\"}", "'value'"),
                    List.of("3", "'int' object is not subscriptable"),
                    List.of("{\"value\": null}", "float() argument must be a string or a real number, not 'NoneType'"))) {
                Path f = dir.resolve("m.json");
                Files.writeString(f, "{\"schema_version\": 1, \"fields\": {\"request_rate\": " + c.get(0) + "}}",
                        StandardCharsets.UTF_8);
                assertThatThrownBy(() -> WorkloadProfile.read(f, compat)).isInstanceOf(WorkloadException.class)
                        .hasMessage("workload profile field 'request_rate' is malformed: " + c.get(1));
            }
        }
    }

    @Test
    void aFieldWithoutProvenanceIsUnknownUnlessReproducingTheReference() throws IOException {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"schema_version\": 1, \"fields\": {\"request_rate\": {\"value\": 2.0}}}");
        assertThat(WorkloadProfile.read(f).field(ProfileKey.REQUEST_RATE).orElseThrow().provenance())
                .isEqualTo("unknown");
        assertThat(WorkloadProfile.read(f, Compat.REFERENCE).field(ProfileKey.REQUEST_RATE).orElseThrow().provenance())
                .isEqualTo("estimated");
        assertThat(WorkloadProfile.read(f).planInputs().requestRate()).hasValue(2.0);
    }

    @Test
    void writingOverADirectoryFailsAndLeavesNoTemporaryFile() throws IOException {
        WorkloadProfile p = sample();
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        assertThatThrownBy(() -> p.write(target)).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("not a regular file");
        try (var files = Files.list(dir)) {
            assertThat(files.map(x -> x.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}

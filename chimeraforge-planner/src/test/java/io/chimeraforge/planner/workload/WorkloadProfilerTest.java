package io.chimeraforge.planner.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.Compat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request-log profiles: spec planner-extensions §7.7 items 1–4, corrections §8 tests, hardening. */
class WorkloadProfilerTest {

    @TempDir
    Path dir;

    private final WorkloadProfiler corrected = WorkloadProfiler.builder().build();
    private final WorkloadProfiler reference = WorkloadProfiler.builder().compat(Compat.REFERENCE).build();

    private Path log(List<String> lines) throws IOException {
        Path file = dir.resolve("log-" + System.nanoTime() + ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static double value(WorkloadProfile p, ProfileKey key) {
        return p.field(key).orElseThrow(() -> new AssertionError(key + " absent in " + p)).value();
    }

    @Test
    void poissonArrivalsGiveUnitCv2AndEvenArrivalsZero() throws IOException {
        Random random = new Random(11);
        List<String> poisson = new ArrayList<>();
        double t = 1_700_000_000;
        for (int i = 0; i < 4000; i++) {
            t += -2.0 * Math.log(1 - random.nextDouble());
            poisson.add("{\"timestamp\": " + t + ", \"output_tokens\": 100}");
        }
        Path file = log(poisson);
        assertThat(value(reference.fromLog(file), ProfileKey.WORKLOAD_CV2)).isCloseTo(1.0, within(0.15));
        WorkloadProfile fixed = corrected.fromLog(file);
        assertThat(value(fixed, ProfileKey.ARRIVAL_CV2)).isCloseTo(1.0, within(0.15));
        assertThat(value(fixed, ProfileKey.WORKLOAD_CV2)).isCloseTo(0.0, within(1e-9)); // constant decode lengths
        assertThat(fixed.planInputs().workloadCv2()).hasValue(0.0); // the decode CV², never the arrival one

        List<String> even = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            even.add("{\"ts\": " + (1_700_000_000 + 2 * i) + "}");
        }
        assertThat(value(reference.fromLog(log(even)), ProfileKey.WORKLOAD_CV2)).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void correctedVarianceTermComesFromDecodeLengths() throws IOException {
        Random random = new Random(5);
        List<String> rows = new ArrayList<>();
        double[] decodes = new double[6000];
        for (int i = 0; i < decodes.length; i++) {
            decodes[i] = Math.max((int) Math.exp(5 + 0.7 * random.nextGaussian()), 1);
            rows.add("{\"timestamp\": " + (1_700_000_000 + 2 * i) + ", \"completion_tokens\": " + (int) decodes[i] + "}");
        }
        // independent two-pass population CV² of the same lengths
        double mean = java.util.Arrays.stream(decodes).average().orElseThrow();
        double variance = java.util.Arrays.stream(decodes).map(d -> (d - mean) * (d - mean)).sum() / decodes.length;
        WorkloadProfile p = corrected.fromLog(log(rows));
        assertThat(value(p, ProfileKey.WORKLOAD_CV2)).isCloseTo(variance / (mean * mean), within(0.00005));
        // and a lognormal(5, 0.7) sample of 6000 lies near the law's e^0.49 - 1 (a loose statistical check)
        assertThat(value(p, ProfileKey.WORKLOAD_CV2)).isCloseTo(Math.exp(0.49) - 1, within(0.15));
        assertThat(p.field(ProfileKey.WORKLOAD_CV2).orElseThrow().note())
                .isEqualTo("service-time CV^2 from 6000 decode lengths");
        assertThat(value(p, ProfileKey.ARRIVAL_CV2)).isEqualTo(0.0);
        assertThat(p.absent()).contains(ProfileKey.WORKLOAD_CV2); // upstream's kept quirk, for golden parity
    }

    @Test
    void alternateFieldNamesIsoStampsAndMissingFields() throws IOException {
        WorkloadProfile p = corrected.fromLog(log(List.of(
                "{\"ts\": 100, \"input_tokens\": 20, \"generation_tokens\": 7}",
                "{\"ts\": 110, \"input_tokens\": 20, \"generation_tokens\": 7}")));
        assertThat(value(p, ProfileKey.PROMPT_TOKENS)).isEqualTo(20.0);
        assertThat(value(p, ProfileKey.OUTPUT_TOKENS)).isEqualTo(7.0);

        WorkloadProfile iso = corrected.fromLog(log(List.of(
                "{\"time\": \"2026-01-01T00:00:00Z\"}", "{\"time\": \"2026-01-01T00:00:10.500+00:00\"}",
                "{\"time\": \"2026-01-01 01:00:20+01:00\"}")));
        assertThat(iso.windowSeconds()).isEqualTo(20.0);
        assertThat(value(iso, ProfileKey.REQUEST_RATE)).isEqualTo(0.15);
        assertThat(iso.absent()).containsExactly(ProfileKey.WORKLOAD_CV2, ProfileKey.PROMPT_TOKENS,
                ProfileKey.OUTPUT_TOKENS, ProfileKey.PREFIX_CACHE_HIT_RATE);

        List<String> few = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            few.add("{\"timestamp\": " + (1000 + i * 3) + ", \"prompt_tokens\": 5}");
        }
        WorkloadProfile short25 = reference.fromLog(log(few));
        assertThat(short25.field(ProfileKey.WORKLOAD_CV2)).isEmpty();
        assertThat(short25.notes()).anyMatch(n -> n.startsWith("only 24 inter-arrival gaps"));
        assertThat(short25.absent()).contains(ProfileKey.OUTPUT_TOKENS);
        assertThat(short25.notes()).contains(
                "output_tokens: none of completion_tokens, output_tokens, generation_tokens present in the log");

        WorkloadProfile unstamped = corrected.fromLog(log(List.of("{\"prompt_tokens\": 5}", "{\"prompt_tokens\": 6}")));
        assertThat(unstamped.absent()).startsWith(ProfileKey.REQUEST_RATE);
        assertThat(unstamped.notes()).anyMatch(n -> n.contains("timestamp"));
        assertThat(unstamped.planInputs().requestRate()).isEmpty(); // never defaulted
    }

    @Test
    void firstNonNullAliasWinsAndOnlyJsonNumbersCount() throws IOException {
        WorkloadProfile p = corrected.fromLog(log(List.of(
                "{\"prompt_tokens\": null, \"input_tokens\": 10, \"output_tokens\": \"58\"}",
                "{\"prompt_tokens\": \"12\", \"input_tokens\": 30, \"output_tokens\": 4}",
                "{\"prompt_tokens\": 1, \"prompt_tokens\": 3}")));
        // row 1: input_tokens (prompt_tokens is null); row 2: the string blocks the later alias; row 3: last key wins
        assertThat(p.field(ProfileKey.PROMPT_TOKENS).orElseThrow().note()).isEqualTo("mean of 2");
        assertThat(value(p, ProfileKey.PROMPT_TOKENS)).isEqualTo(6.5);
        assertThat(value(p, ProfileKey.OUTPUT_TOKENS)).isEqualTo(4.0);
    }

    @Test
    void prefixCacheHitRateDividesIndependentSums() throws IOException {
        WorkloadProfile p = corrected.fromLog(log(List.of(
                "{\"prompt_tokens\": 100, \"cached_tokens\": 50}",
                "{\"prompt_tokens\": 300}",
                "{\"cached_prompt_tokens\": 30.5}")));
        assertThat(value(p, ProfileKey.PREFIX_CACHE_HIT_RATE)).isEqualTo(0.2013); // 80.5 / 400
        WorkloadProfile capped = corrected.fromLog(log(List.of("{\"prompt_tokens\": 10, \"cached_tokens\": 50}")));
        assertThat(value(capped, ProfileKey.PREFIX_CACHE_HIT_RATE)).isEqualTo(1.0);
    }

    @Test
    void badLinesAreCountedAndEmptyOrMissingLogsRefused() throws IOException {
        WorkloadProfile p = corrected.fromLog(log(List.of("{\"timestamp\":1,\"prompt_tokens\":5}", "not json", "[1,2]",
                "", "   ", "{\"a\": 1} trailing")));
        assertThat(p.sampleCount()).isEqualTo(1);
        assertThat(p.notes()).first().isEqualTo("3 line(s) were not JSON objects and were skipped");

        Path blank = log(List.of("", "  "));
        assertThatThrownBy(() -> corrected.fromLog(blank)).isInstanceOf(WorkloadException.class)
                .hasMessage("no JSON objects found in " + blank + ": expected JSONL, one request per line");
        assertThatThrownBy(() -> corrected.fromLog(dir.resolve("nope.jsonl"))).isInstanceOf(WorkloadException.class)
                .hasMessage("request log not found: " + dir.resolve("nope.jsonl"));
    }

    @Test
    void aLogWithoutLineBreaksEndsWithTheLimitNotTheHeap() {
        WorkloadProfiler small = WorkloadProfiler.builder().maxLineChars(4096).build();
        InputStream zeros = new InputStream() { // /dev/zero: never ends, no newline
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }
        };
        assertThatThrownBy(() -> small.fromLog(zeros, "/dev/zero", "unknown")).isInstanceOf(WorkloadException.class)
                .hasMessage("line 1 of /dev/zero is longer than 4096 characters: a request log has one JSON object"
                        + " per line");
    }

    @Test
    void invalidUtf8IsRefusedWithTheFileNamed() {
        byte[] latin1 = "{\"prompt_tokens\": 5, \"note\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> corrected.fromLog(new ByteArrayInputStream(latin1), "old.jsonl", "unknown"))
                .isInstanceOf(WorkloadException.class).hasMessageStartingWith("old.jsonl is not UTF-8 text");
    }

    @Test
    void universalNewlinesSplitRows() {
        byte[] text = "{\"ts\": 1, \"prompt_tokens\": 2}\r{\"ts\": 3}\r\n{\"ts\": 5}".getBytes(StandardCharsets.UTF_8);
        WorkloadProfile p = corrected.fromLog(new ByteArrayInputStream(text), "cr.jsonl", "vllm");
        assertThat(p.sampleCount()).isEqualTo(3);
        assertThat(p.engine()).isEqualTo("vllm");
        assertThat(value(p, ProfileKey.REQUEST_RATE)).isEqualTo(0.75);
    }
}

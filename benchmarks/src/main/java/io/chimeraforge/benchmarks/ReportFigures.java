package io.chimeraforge.benchmarks;

import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.report.Comparison;
import io.chimeraforge.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Figures for {@code compare} and {@code report}: writes two result files of N configurations with
 * R requests each (per-request runs, so compare computes Welch intervals), then times reading both,
 * comparing them (default mode, JSON out) and rendering the report as Markdown and HTML, several
 * passes in one JVM.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ReportFigures 1000 100 5</pre>
 */
public final class ReportFigures {

    private ReportFigures() {
    }

    public static void main(String[] args) throws IOException {
        int configs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("cf-report-figures");
        Path before = write(dir.resolve("before.json"), configs, requests, 1);
        Path after = write(dir.resolve("after.json"), configs, requests, 2);
        System.out.printf(Locale.ROOT, "%d configurations x %d requests: %.1f MB a file%n", configs, requests,
                Files.size(before) / 1e6);
        for (int p = 1; p <= passes; p++) {
            long t0 = System.nanoTime();
            List<BenchResult> a = BenchResultFiles.read(before);
            List<BenchResult> b = BenchResultFiles.read(after);
            long t1 = System.nanoTime();
            int compared = Comparison.of(a, b).toJson().length();
            long t2 = System.nanoTime();
            Report report = Report.builder().results(b).title("figures").build();
            int md = report.markdown().length();
            int html = report.html().length();
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "pass %d: read %.0f ms, compare + JSON %.0f ms, report md + html %.0f ms"
                    + " (%d / %d / %d chars)%n", p, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, compared, md, html);
        }
    }

    private static Path write(Path file, int configs, int requests, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder json = new StringBuilder("[");
        for (int c = 0; c < configs; c++) {
            StringBuilder runs = new StringBuilder();
            double sumTps = 0;
            double sumTtft = 0;
            for (int r = 0; r < requests; r++) {
                double tps = 80 + random.nextDouble() * 40;
                double ttft = 100 + random.nextDouble() * 50;
                sumTps += tps;
                sumTtft += ttft;
                runs.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"tokens_generated\": 128,"
                        + " \"throughput_tps\": %.3f, \"ttft_ms\": %.3f, \"total_duration_ms\": %.3f}", tps, ttft,
                        ttft + 128_000 / tps));
            }
            json.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"model\": \"model-%d\", \"backend\":"
                    + " \"vllm\", \"quant\": \"FP16\", \"workload\": \"single\", \"runs\": %d, \"context_length\": 2048,"
                    + " \"individual_runs\": [%s], \"aggregate\": {\"count\": %d, \"throughput_tps\": {\"mean\": %.3f},"
                    + " \"ttft_ms\": {\"mean\": %.3f}, \"total_duration_ms\": {\"mean\": 1000.0}, \"tokens_generated\":"
                    + " %d}, \"environment\": {}, \"timestamp\": \"2026-12-02T00:00:00+00:00\", \"warnings\": []}", c,
                    requests, runs, requests, sumTps / requests, sumTtft / requests, requests * 128));
        }
        Files.writeString(file, json.append("]").toString(), StandardCharsets.UTF_8);
        return file;
    }
}

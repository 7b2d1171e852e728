package io.chimeraforge.benchmarks;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.planner.refit.Refit;
import io.chimeraforge.planner.refit.RefitOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Figures for {@code refit}: writes one result file of N results (registry models across backends
 * and quantizations, 20 per-request runs each, a third labelled with a non-reference GPU) and times
 * reading it, refitting it (both behaviours) and writing the corpus, several passes in one JVM.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.RefitFigures 1000 5</pre>
 */
public final class RefitFigures {

    private static final String[] MODELS = {"qwen2.5-0.5b", "llama3.2-1b", "qwen2.5-1.5b", "phi-2", "qwen2.5-3b",
        "llama3.2-3b", "llama3.1-8b"};
    private static final double[] SIZES = {0.49, 1.24, 1.54, 2.78, 3.09, 3.21, 8.03};
    private static final String[] BACKENDS = {"ollama", "vllm", "tgi"};
    private static final String[] QUANTS = {"FP16", "Q8_0", "Q4_K_M"};

    private RefitFigures() {
    }

    public static void main(String[] args) throws IOException {
        int results = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("cf-refit-figures");
        Path file = write(dir.resolve("bench.json"), results);
        System.out.printf(Locale.ROOT, "%d results x 20 runs: %.1f MB%n", results, Files.size(file) / 1e6);
        for (int p = 1; p <= passes; p++) {
            long t0 = System.nanoTime();
            List<BenchResult> read = BenchResultFiles.read(file);
            long t1 = System.nanoTime();
            RefitOutcome corrected = Refit.builder().measuredCorpus(false).results(read).build().run();
            long t2 = System.nanoTime();
            RefitOutcome reference = Refit.builder().compat(Compat.REFERENCE).results(read).build().run();
            long t3 = System.nanoTime();
            corrected.writeTo(dir.resolve("fitted_models.json"));
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "pass %d: read %.0f ms, refit corrected %.0f ms, reference %.0f ms,"
                    + " write %.0f ms (power law refit: %s / %s)%n", p, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                    (t3 - t2) / 1e6, (t4 - t3) / 1e6, corrected.summary().powerLawRefit(),
                    reference.summary().powerLawRefit());
        }
    }

    private static Path write(Path file, int results) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < results; i++) {
            int m = i % MODELS.length;
            String quant = QUANTS[(i / MODELS.length) % QUANTS.length];
            String backend = BACKENDS[(i / (MODELS.length * QUANTS.length)) % BACKENDS.length];
            double base = 150 * Math.pow(SIZES[m], -0.45) * (quant.equals("FP16") ? 1 : quant.equals("Q8_0") ? 1.3 : 1.9);
            StringBuilder runs = new StringBuilder();
            double sum = 0;
            for (int r = 0; r < 20; r++) {
                double tps = base * (0.9 + 0.2 * random.nextDouble());
                sum += tps;
                runs.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"tokens_generated\": 128, \"throughput_tps\": %.3f, \"total_duration_ms\": %.3f}", tps,
                        128_000 / tps));
            }
            String hardware = i % 3 == 0 ? ", \"hardware\": \"RTX 4090 24GB\"" : "";
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"model\": \"%s\", \"backend\": \"%s\","
                    + " \"quant\": \"%s\", \"workload\": \"single\", \"runs\": 20, \"individual_runs\": [%s],"
                    + " \"aggregate\": {\"throughput_tps\": {\"mean\": %.3f}, \"total_duration_ms\": {\"mean\": %.3f}},"
                    + " \"environment\": {}, \"timestamp\": \"2026-12-02T00:00:00+00:00\", \"warnings\": []%s}",
                    MODELS[m], backend, quant, runs, sum / 20, 128_000 / (sum / 20), hardware));
        }
        Files.writeString(file, json.append("]").toString(), StandardCharsets.UTF_8);
        return file;
    }
}

package io.chimeraforge.benchmarks;

import io.chimeraforge.planner.workload.WorkloadProfile;
import io.chimeraforge.planner.workload.WorkloadProfiler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Figures for {@code workload --from-log}: writes a request log of N lines (Poisson arrivals at
 * 5 req/s, uniform prompt/decode/cached lengths, about 125 bytes a line) and profiles it in this
 * JVM several times, printing each pass's wall time and the heap in use afterwards.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.WorkloadLogFigures write /tmp/log.jsonl 1000000
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.WorkloadLogFigures profile /tmp/log.jsonl 5
 * time ./chimeraforge workload --from-log /tmp/log.jsonl --json   # the CLI figure, JVM start included
 * </pre>
 */
public final class WorkloadLogFigures {

    private WorkloadLogFigures() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("write")) {
            write(Path.of(args[1]), Long.parseLong(args[2]));
        } else if (args.length == 3 && args[0].equals("profile")) {
            profile(Path.of(args[1]), Integer.parseInt(args[2]));
        } else {
            System.err.println("usage: WorkloadLogFigures write FILE LINES | profile FILE PASSES");
            System.exit(2);
        }
    }

    private static void write(Path file, long lines) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        double t = 1_725_506_902.0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < lines; i++) {
                t += -Math.log(1 - random.nextDouble()) / 5.0;
                out.write(String.format(Locale.ROOT, "{\"timestamp\": %.3f, \"model\": \"llama3.1-8b\", "
                        + "\"prompt_tokens\": %d, \"completion_tokens\": %d, \"cached_tokens\": %d}%n",
                        t, random.nextInt(20, 4001), random.nextInt(1, 801), random.nextInt(0, 501)));
            }
        }
        System.out.printf(Locale.ROOT, "wrote %d lines, %.1f MB to %s%n", lines, Files.size(file) / 1e6, file);
    }

    private static void profile(Path file, int passes) {
        WorkloadProfiler profiler = WorkloadProfiler.builder().build();
        for (int i = 1; i <= passes; i++) {
            long start = System.nanoTime();
            WorkloadProfile p = profiler.fromLog(file);
            long elapsed = System.nanoTime() - start;
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "pass %d: %.0f ms for %d rows (%.0f rows/s); heap in use %.0f MB%n", i,
                    elapsed / 1e6, p.sampleCount(), p.sampleCount() / (elapsed / 1e9),
                    (rt.totalMemory() - rt.freeMemory()) / 1e6);
        }
    }
}

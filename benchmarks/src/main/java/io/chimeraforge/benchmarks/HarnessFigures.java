package io.chimeraforge.benchmarks;

import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchListener;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.bench.ConfigResult;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Workload;
import io.chimeraforge.bench.internal.client.Decoders;
import io.chimeraforge.bench.internal.client.EventDecoder;
import io.chimeraforge.bench.internal.client.MalformedStreamException;
import io.chimeraforge.bench.internal.client.Recorder;
import io.chimeraforge.bench.internal.client.ServerErrorException;
import io.chimeraforge.bench.internal.stream.NdjsonParser;
import io.chimeraforge.bench.internal.stream.SseParser;
import io.chimeraforge.bench.internal.stream.StreamEvent;
import io.chimeraforge.bench.internal.stream.StreamParser;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.StatSummary;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bench harness's own figures (issue 4): client overhead on TTFT at 1 and 1,024 streams, the
 * open-loop generator's fidelity at 1,000 req/s, stream parser throughput, and peak heap at 1,024
 * streams. Build with {@code mvn -B -q package -pl benchmarks -am -DskipTests}, then
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.HarnessFigures all
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.HarnessFigures overhead 1024
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.HarnessFigures generator
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.HarnessFigures parser
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.HarnessFigures memory 60 2000
 * </pre>
 *
 * <p>The mock server runs in a child JVM (so its threads, allocation and GC are not charged to
 * the client's heap figure), on loopback, on the same machine: its scheduling delays are part of
 * every latency figure here. Every run is bounded in requests and time.
 */
public final class HarnessFigures {

    private static final long SCRIPTED_TTFT_MS = 100;

    private HarnessFigures() {
    }

    /**
     * Bytes of live objects, from the JVM's class histogram (the {@code GC.class_histogram}
     * diagnostic command, which collects first and counts only reachable objects). The heap's
     * "used" figure, even just after {@code System.gc()}, is no measure of the live set here: a
     * concurrent collector keeps handing allocation buffers (TLABs) to running threads, and with one
     * thread per stream that is about 1–2 GiB at 1,024 streams while ~40 MiB is live.
     */
    private static long liveObjectBytes(MemoryMXBean memory) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : text.toString().split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3 && parts[0].equals("Total")) {
                    return Long.parseLong(parts[2]);
                }
            }
        } catch (javax.management.JMException | RuntimeException e) {
            // fall through to the heap's own figure
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Entry point; see the class comment for the commands. */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        switch (what) {
            case "mock-server" -> serveMock(args);
            case "overhead" -> {
                int streams = args.length > 1 ? Integer.parseInt(args[1]) : 1;
                overhead(streams);
            }
            case "generator" -> generator();
            case "parser" -> parser();
            case "memory" -> memory(args.length > 1 ? Integer.parseInt(args[1]) : 60,
                    args.length > 2 ? Double.parseDouble(args[2]) : 2000);
            case "all" -> {
                parser();
                overhead(1);
                overhead(1024);
                generator();
            }
            default -> {
                System.err.println("usage: HarnessFigures [all|overhead N|generator|parser]");
                System.exit(2);
            }
        }
    }

    // ------------------------------------------------------------------ mock in a child JVM

    /** Child mode: a mock server with the given script; prints its URL, serves until stdin closes. */
    private static void serveMock(String[] args) throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(Long.parseLong(args[1])))
                .interTokenGap(Duration.ofMillis(Long.parseLong(args[2]))).outputTokens(Integer.parseInt(args[3]))
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).maxRecordedRequests(0).start()) {
            System.out.println(server.baseUrl());
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to close our stdin
            }
        }
    }

    /** A mock server in a child JVM; closing stops it. */
    private static final class ChildMock implements AutoCloseable {
        final Process process;
        final String url;

        ChildMock(long ttftMs, long gapMs, int tokens) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-XX:+UseParallelGC", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    HarnessFigures.class.getName(), "mock-server", Long.toString(ttftMs), Long.toString(gapMs),
                    Integer.toString(tokens)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            url = in.readLine();
            if (url == null) {
                throw new IllegalStateException("mock server child did not start");
            }
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ client overhead + heap

    private static void overhead(int streams) throws Exception {
        // 1,024 open streams as a loaded LLM server sees them: 32 tokens 100 ms apart (3.2 s per
        // stream), i.e. ~300 new requests/s and ~10k chunks/s for the shared 2 cores.
        long gapMs = streams > 1 ? 100 : 10;
        int tokens = streams > 1 ? 32 : 8;
        int runs = streams > 1 ? streams * 3 : 200;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ChildMock mock = new ChildMock(SCRIPTED_TTFT_MS, gapMs, tokens)) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.VLLM).baseUrl(mock.url)
                    .workload(streams == 1 ? Workload.SINGLE : Workload.CONCURRENT).concurrency(streams).runs(runs)
                    .warmupRequests(Math.max(50, streams)).maxTokens(tokens).build();
            AtomicLong peakUsed = new AtomicLong();
            AtomicLong liveAtPeak = new AtomicLong(-1);
            AtomicLong measured = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    // Once the measured phase is well under way, every stream is open: measure the live set.
                    if (liveAtPeak.get() < 0 && measured.get() > runs / 3) {
                        liveAtPeak.set(liveObjectBytes(memory));
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            long clientCpu0 = processCpuNanos();
            long mockCpu0 = mock.cpuNanos();
            long wall0 = System.nanoTime();
            sampler.start();
            List<ConfigResult> results = BenchRunner.builder(config).captureGpu(false).listener(new BenchListener() {
                @Override
                public void requestCompleted(RequestTimeline timeline, int completed, int total) {
                    if (!timeline.warmup()) {
                        measured.incrementAndGet();
                    }
                }
            }).build().run().configs();
            sampler.interrupt();
            sampler.join();
            double wallS = (System.nanoTime() - wall0) / 1e9;
            double clientCpuS = (processCpuNanos() - clientCpu0) / 1e9;
            double mockCpuS = (mock.cpuNanos() - mockCpu0) / 1e9;
            ConfigResult c = results.get(0);
            BenchResult r = c.result();
            double[] total = c.timelines().stream().filter(RequestTimeline::succeeded)
                    .mapToDouble(t -> t.ttftMs().getAsDouble() - SCRIPTED_TTFT_MS).sorted().toArray();
            double[] afterHeaders = c.timelines().stream().filter(RequestTimeline::succeeded)
                    .mapToDouble(t -> t.ttftMs().getAsDouble() - t.headersMs().getAsDouble() - SCRIPTED_TTFT_MS)
                    .sorted().toArray();
            System.out.printf(Locale.ROOT, "overhead streams=%d requests=%d ok=%d (vLLM SSE, scripted TTFT %d ms, %d tokens %d ms apart)%n",
                    streams, runs, total.length, SCRIPTED_TTFT_MS, tokens, gapMs);
            System.out.printf(Locale.ROOT, "  TTFT - scripted:               p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                    pct(total, 0.50), pct(total, 0.99), total[total.length - 1]);
            System.out.printf(Locale.ROOT, "  (TTFT - headers) - scripted:   p50 %.3f ms  p99 %.3f ms%n",
                    pct(afterHeaders, 0.50), pct(afterHeaders, 0.99));
            StatSummary itl = r.aggregate().summary("itl_token_ms").orElseThrow();
            System.out.printf(Locale.ROOT, "  ITL (scripted %d ms):           p50 %.3f ms  p99 %.3f ms%n", gapMs, itl.p50(), itl.p99());
            System.out.printf(Locale.ROOT, "  client heap: baseline %.1f MiB, peak sampled %.1f MiB (garbage and per-thread allocation buffers included), live objects mid-run (class histogram) %.1f MiB%n",
                    mib(baseline), mib(peakUsed.get()), mib(liveAtPeak.get()));
            System.out.printf(Locale.ROOT, "  CPU over %.1f s wall (2 cores = %.1f core-s): client %.1f s, mock server %.1f s; load average %.2f%n",
                    wallS, 2 * wallS, clientCpuS, mockCpuS, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static double pct(double[] sorted, double p) {
        double k = (sorted.length - 1) * p;
        int f = (int) Math.floor(k);
        int c = Math.min(f + 1, sorted.length - 1);
        return f == c ? sorted[f] : sorted[f] * (c - k) + sorted[c] * (k - f);
    }

    // ------------------------------------------------------------------ memory of a long open-loop run

    /**
     * Live heap of a long open-loop run (issue 10 item 5): {@code seconds} at {@code rate} req/s
     * against the mock (in a child JVM), result file and request log written, sampled every 5 s
     * and once more after the run while its report is still referenced. Live = the class
     * histogram's total (reachable objects, after a full collection).
     */
    private static void memory(int seconds, double rate) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Path out = java.nio.file.Files.createTempDirectory("harness-memory");
        try (ChildMock mock = new ChildMock(5, 1, 16)) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.VLLM).baseUrl(mock.url)
                    .workload(Workload.SERVER).rate(rate).concurrency(512).runs(10_000_000)
                    .duration(Duration.ofSeconds(seconds)).warmupRequests(100).maxTokens(16)
                    .outputFile(out.resolve("memory.json")).build();
            AtomicLong peakLive = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(5000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long live = liveObjectBytes(memory);
                    peakLive.accumulateAndGet(live, Math::max);
                    System.out.printf(Locale.ROOT, "  live heap %.1f MiB%n", mib(live));
                }
            }, "live-sampler");
            sampler.setDaemon(true);
            long wall0 = System.nanoTime();
            sampler.start();
            io.chimeraforge.bench.BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            sampler.interrupt();
            sampler.join();
            long liveAfter = liveObjectBytes(memory);
            peakLive.accumulateAndGet(liveAfter, Math::max);
            double wallS = (System.nanoTime() - wall0) / 1e9;
            BenchResult r = report.results().get(0);
            System.out.printf(Locale.ROOT, "memory: open loop %.0f req/s for %d s: %d attempted, %d ok, %d failed, %d cancelled "
                    + "in %.1f s; result file %.1f MiB, request log %.1f MiB%n", rate, seconds, report.counts().attempted(),
                    report.counts().completed(), report.counts().failed(), report.counts().cancelled(), wallS,
                    mib(java.nio.file.Files.size(report.resultFile().orElseThrow())),
                    mib(java.nio.file.Files.size(report.requestLog().orElseThrow())));
            System.out.printf(Locale.ROOT, "  live heap: peak %.1f MiB (sampled every 5 s), after the run with the report held %.1f MiB; "
                    + "max heap %.0f MiB; %d individual runs in the result%n", mib(peakLive.get()), mib(liveAfter),
                    mib(Runtime.getRuntime().maxMemory()), r.individualRuns().size());
            if (r.aggregate().count() < 0) {
                System.out.println(report); // keeps the report reachable until the figure above was taken
            }
        } finally {
            try (var files = java.nio.file.Files.list(out)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(out);
        }
    }

    // ------------------------------------------------------------------ generator fidelity

    private static void generator() throws Exception {
        try (ChildMock mock = new ChildMock(0, 0, 1)) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.OLLAMA).baseUrl(mock.url)
                    .workload(Workload.SERVER).rate(1000).concurrency(1024).runs(10_000)
                    .duration(Duration.ofSeconds(10)).warmupRequests(200).maxTokens(1).build();
            BenchResult r = BenchRunner.builder(config).captureGpu(false).build().run().results().get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> g = (Map<String, Object>) r.extra().get("generator");
            StatSummary lag = (StatSummary) g.get("schedule_lag_ms");
            double scheduled = ((Number) g.get("scheduled_rate")).doubleValue();
            double achieved = ((Number) g.get("achieved_rate")).doubleValue();
            System.out.printf(Locale.ROOT, "generator: Poisson 1000 req/s for 10 s, %d requests sent, %d ok%n",
                    r.aggregate().count() + ((Number) r.aggregate().extra().get("failed")).intValue(), r.aggregate().count());
            StatSummary dispatch = (StatSummary) g.get("dispatch_ms");
            System.out.printf(Locale.ROOT, "  errors: %s; pacing-thread dispatch per request: p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                    r.extra().get("errors"), dispatch.p50(), dispatch.p99(), dispatch.max());
            System.out.printf(Locale.ROOT, "  schedule lag: p50 %.3f ms  p99 %.3f ms  max %.3f ms%n", lag.p50(), lag.p99(), lag.max());
            System.out.printf(Locale.ROOT, "  rate: requested 1000.0, scheduled (seeded draw) %.1f, achieved %.1f req/s "
                    + "(achieved/scheduled %+.3f%%, achieved/requested %+.3f%%)%n", scheduled, achieved,
                    (achieved / scheduled - 1) * 100, (achieved / 1000 - 1) * 100);
        }
    }

    // ------------------------------------------------------------------ parser throughput

    private static void parser() throws Exception {
        byte[] sse = corpus(i -> "data: {\"id\":\"cmpl-7\",\"object\":\"text_completion\",\"created\":1767225600,"
                + "\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"text\":\" token" + i + " café\","
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":35,\"completion_tokens\":"
                + (i + 1) + ",\"total_tokens\":" + (i + 36) + "}}\n\n");
        byte[] ndjson = corpus(i -> "{\"model\":\"mock-model\",\"created_at\":\"2026-01-01T00:00:00.123456Z\","
                + "\"response\":\" token" + i + " café\",\"done\":false}\n");
        for (int buffer : new int[] {8192, 64}) {
            report("SSE framing", sse, buffer, SseParser::new, null);
            report("NDJSON framing", ndjson, buffer, NdjsonParser::new, null);
        }
        report("SSE framing + OpenAI decoding", sse, 8192, SseParser::new, Decoders::openAi);
        report("NDJSON framing + Ollama decoding", ndjson, 8192, NdjsonParser::new, Decoders::ollama);
    }

    private static byte[] corpus(java.util.function.IntFunction<String> event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; out.size() < 32 << 20; i++) {
            out.writeBytes(event.apply(i).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void report(String name, byte[] data, int bufferSize,
            java.util.function.Function<Consumer<StreamEvent>, StreamParser> framer,
            java.util.function.Supplier<EventDecoder> decoder) {
        long[] events = new long[1];
        double best = 0;
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            EventDecoder d = decoder == null ? null : decoder.get();
            Recorder recorder = new Recorder(0, false, 0, 0, 0);
            Consumer<StreamEvent> sink = d == null ? e -> events[0] += e.data().length() : e -> {
                events[0]++;
                try {
                    d.onEvent(e, recorder);
                } catch (MalformedStreamException | ServerErrorException ex) {
                    throw new IllegalStateException(ex);
                }
            };
            StreamParser p = framer.apply(sink);
            long start = System.nanoTime();
            for (int off = 0; off < data.length; off += bufferSize) {
                p.feed(data, off, Math.min(bufferSize, data.length - off), off);
            }
            p.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            double mbs = data.length / 1e6 / seconds;
            if (round >= 3) { // the first rounds warm the JIT
                rates.add(mbs);
                best = Math.max(best, mbs);
            }
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "parser %-34s buffers of %5d B: median %7.1f MB/s, best %7.1f MB/s (%d MB corpus)%n",
                name, bufferSize, sorted[sorted.length / 2], best, data.length >> 20);
        if (events[0] == 42) {
            System.out.println(Arrays.toString(events)); // keeps the sink's work observable
        }
    }
}

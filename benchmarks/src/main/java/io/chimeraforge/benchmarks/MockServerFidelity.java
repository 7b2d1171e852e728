package io.chimeraforge.benchmarks;

import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.ServedRequest;
import io.chimeraforge.testkit.StreamTiming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How precisely {@code MockLlmServer} keeps its scripted timing, seen by the leanest possible
 * client: a blocking raw-socket HTTP/1.1 client in the same JVM (request bytes encoded before the
 * run and written in one {@code write}, one keep-alive connection per stream, a dedicated thread
 * per stream blocked in {@code read}, {@link System#nanoTime()} right after {@code read} returns).
 *
 * <p>Printed, p50 / p90 / p99 / max over the measured requests (milliseconds):
 * <ul>
 *   <li><b>TTFT error</b> = first-token byte arrival − client send − scripted TTFT: everything the
 *       mock adds on top of its script, plus this client's own (small) receive cost;</li>
 *   <li><b>receive path</b> = first-token byte arrival − the server's
 *       {@link StreamTiming#firstTokenWrittenNanos()} (taken right before its write): loopback, the
 *       client thread's wake-up and its read;</li>
 *   <li><b>send path</b> = the server's {@link StreamTiming#requestReadNanos()} − client send:
 *       loopback, the server connection thread's wake-up and its read;</li>
 *   <li><b>server lateness</b> = first-token write − request read − scripted TTFT: how late the
 *       server's own deadline wake-up was;</li>
 *   <li><b>server lateness, last chunk</b> = last write − its absolute deadline: shows that
 *       lateness does not accumulate along a stream;</li>
 *   <li><b>chunk error</b> = arrival of content chunk k − (client send + TTFT + k·gap), over all
 *       chunks: shows whether lateness accumulates along a stream.</li>
 * </ul>
 *
 * <p>At 1 stream the requests are sequential on one connection. At N streams every stream runs
 * closed loop on its own connection, and the streams' first requests are spread uniformly over one
 * inter-token gap so that their deadlines interleave as they would on a loaded server instead of
 * all falling on the same instant. Defaults: 1 stream: TTFT 100 ms, gap 10 ms, 64 tokens, 50
 * warm-up + 200 measured requests; N streams: TTFT 100 ms, gap 100 ms, 64 tokens (≈ N × 10
 * chunk writes/s, which two cores sustain at N = 1,024), 1 warm-up + 2 measured requests per
 * stream.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.MockServerFidelity 1
 * java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.MockServerFidelity 1024
 * # general form: MockServerFidelity streams [ttftMs gapMs tokens measuredPerStream warmupPerStream]
 * </pre>
 */
public final class MockServerFidelity {

    private MockServerFidelity() {
    }

    /** What the client saw of one request. */
    private record Observed(String marker, long sentNanos, long firstTokenNanos, long[] chunkNanos, boolean warmup) {
    }

    /** Entry point: {@code streams [ttftMs gapMs tokens measuredPerStream warmupPerStream]}. */
    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long ttftMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        long gapMs = args.length > 2 ? Long.parseLong(args[2]) : (streams > 1 ? 100 : 10);
        int tokens = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int measured = args.length > 4 ? Integer.parseInt(args[4]) : (streams > 1 ? 2 : 200);
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : (streams > 1 ? 1 : 50);
        if (streams < 1 || ttftMs < 0 || gapMs < 0 || tokens < 1 || measured < 1 || warmup < 0) {
            System.err.println("usage: MockServerFidelity streams [ttftMs gapMs tokens measuredPerStream warmupPerStream]");
            System.exit(2);
        }
        Script script = Script.builder().ttft(Duration.ofMillis(ttftMs)).interTokenGap(Duration.ofMillis(gapMs))
                .outputTokens(tokens).build();
        int perStream = warmup + measured;
        try (MockLlmServer server = MockLlmServer.builder().script(script)
                .maxRecordedRequests(streams * perStream + 16).start()) {
            List<List<Observed>> results = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            SplittableRandom random = new SplittableRandom(42);
            long wall0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            for (int s = 0; s < streams; s++) {
                List<Observed> out = new ArrayList<>();
                results.add(out);
                long startDelay = streams > 1 ? (long) (random.nextDouble() * gapMs * 1_000_000L) : 0;
                int stream = s;
                Thread t = new Thread(() -> runStream(server.port(), stream, perStream, warmup, tokens, startDelay, go, out),
                        "fidelity-client-" + s);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(10));
            }
            double wallS = (System.nanoTime() - wall0) / 1e9;
            double cpuS = (processCpuNanos() - cpu0) / 1e9;
            report(server, script, streams, results, wallS, cpuS);
        }
    }

    private static void runStream(int port, int stream, int requests, int warmup, int tokens, long startDelayNanos,
            CountDownLatch go, List<Observed> out) {
        // Encoded before the run: the timed path is one write.
        byte[][] encoded = new byte[requests][];
        String[] markers = new String[requests];
        for (int i = 0; i < requests; i++) {
            markers[i] = "s" + stream + "r" + i;
            String body = "{\"model\":\"mock-model\",\"prompt\":\"" + markers[i] + "\",\"stream\":true,\"max_tokens\":"
                    + tokens + "}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            encoded[i] = ("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + b.length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        }
        try {
            go.await();
            if (startDelayNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(startDelayNanos);
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(120_000);
                OutputStream os = socket.getOutputStream();
                InputStream is = socket.getInputStream();
                byte[] buf = new byte[64 * 1024];
                for (int i = 0; i < requests; i++) {
                    long[] chunks = new long[tokens];
                    int seen = 0;
                    long sent = System.nanoTime();
                    os.write(encoded[i]);
                    // Scan state: headers end, then count "data: " events and find the last chunk.
                    boolean inBody = false;
                    int headerMatch = 0;
                    int dataMatch = 0;
                    int endMatch = 0;
                    boolean done = false;
                    while (!done) {
                        int n = is.read(buf);
                        long now = System.nanoTime();
                        if (n < 0) {
                            throw new IOException("server closed the connection mid-response");
                        }
                        for (int k = 0; k < n && !done; k++) {
                            byte c = buf[k];
                            if (!inBody) {
                                headerMatch = match(HEADER_END, headerMatch, c);
                                if (headerMatch == HEADER_END.length) {
                                    inBody = true;
                                }
                                continue;
                            }
                            dataMatch = match(DATA_TEXT, dataMatch, c);
                            if (dataMatch == DATA_TEXT.length) {
                                dataMatch = 0;
                                if (seen < tokens) {
                                    chunks[seen] = now;
                                }
                                seen++;
                            }
                            endMatch = match(LAST_CHUNK, endMatch, c);
                            done = endMatch == LAST_CHUNK.length;
                        }
                    }
                    long first = chunks[0];
                    out.add(new Observed(markers[i], sent, first, Arrays.copyOf(chunks, Math.min(seen, tokens)), i < warmup));
                }
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("stream " + stream + " failed: " + e);
        }
    }

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Content events of {@code /v1/completions} carry {@code "text":}; the usage and [DONE] events do not. */
    private static final byte[] DATA_TEXT = "\"text\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Streaming match of {@code needle}: how many of its bytes are matched after {@code c}. */
    private static int match(byte[] needle, int matched, byte c) {
        if (c == needle[matched]) {
            return matched + 1;
        }
        // The needles have no proper prefix that is also a suffix except a restart at byte 0.
        return c == needle[0] ? 1 : 0;
    }

    private static void report(MockLlmServer server, Script script, int streams, List<List<Observed>> results,
            double wallS, double cpuS) {
        Map<String, ServedRequest> byMarker = new HashMap<>();
        for (ServedRequest r : server.servedRequests()) {
            int at = r.body().indexOf("\"prompt\":\"");
            if (at >= 0) {
                int from = at + "\"prompt\":\"".length();
                byMarker.put(r.body().substring(from, r.body().indexOf('"', from)), r);
            }
        }
        Map<Long, StreamTiming> timings = new HashMap<>();
        for (StreamTiming t : server.streamTimings()) {
            timings.put(t.generationIndex(), t);
        }
        long ttft = script.ttft().toNanos();
        long gap = script.interTokenGap().toNanos();
        List<Double> ttftError = new ArrayList<>();
        List<Double> receivePath = new ArrayList<>();
        List<Double> sendPath = new ArrayList<>();
        List<Double> serverLate = new ArrayList<>();
        List<Double> serverLastLate = new ArrayList<>();
        List<Double> chunkError = new ArrayList<>();
        int requests = 0;
        for (List<Observed> stream : results) {
            for (Observed o : stream) {
                if (o.warmup()) {
                    continue;
                }
                requests++;
                ttftError.add((o.firstTokenNanos() - o.sentNanos() - ttft) / 1e6);
                for (int k = 0; k < o.chunkNanos().length; k++) {
                    chunkError.add((o.chunkNanos()[k] - o.sentNanos() - ttft - k * gap) / 1e6);
                }
                ServedRequest served = byMarker.get(o.marker());
                StreamTiming timing = served == null ? null : timings.get(served.generationIndex());
                if (timing != null && timing.firstTokenWrittenNanos().isPresent()) {
                    long written = timing.firstTokenWrittenNanos().getAsLong();
                    receivePath.add((o.firstTokenNanos() - written) / 1e6);
                    sendPath.add((timing.requestReadNanos() - o.sentNanos()) / 1e6);
                    serverLate.add((written - timing.requestReadNanos() - ttft) / 1e6);
                    long lastDue = timing.requestReadNanos() + ttft + script.chunkOffsetNanos(
                            script.chunkCount(script.outputTokens()) - 1, script.outputTokens(), gap);
                    serverLastLate.add((timing.lastWriteNanos().orElseThrow() - lastDue) / 1e6);
                }
            }
        }
        System.out.printf(Locale.ROOT, "MockLlmServer fidelity: streams=%d measured requests=%d (TTFT %d ms, gap %d ms, "
                + "%d tokens; /v1/completions SSE; raw-socket client in-process)%n", streams, requests,
                script.ttft().toMillis(), script.interTokenGap().toMillis(), script.outputTokens());
        line("TTFT error (first token arrival - send - TTFT)", ttftError);
        line("receive path (first token arrival - server write)", receivePath);
        line("send path (server request read - send)", sendPath);
        line("server lateness (first write - request read - TTFT)", serverLate);
        line("server lateness, last chunk (last write - its deadline)", serverLastLate);
        line("chunk error (chunk k arrival - send - TTFT - k*gap)", chunkError);
        System.out.printf(Locale.ROOT, "  wall %.1f s, process CPU %.1f s, %d cores, load average %.2f%n", wallS, cpuS,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void line(String label, List<Double> values) {
        if (values.isEmpty()) {
            System.out.printf(Locale.ROOT, "  %-56s n/a%n", label + ":");
            return;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %-56s p50 %7.3f  p90 %7.3f  p99 %7.3f  max %8.3f ms  (n=%d)%n", label + ":",
                percentile(v, 0.50), percentile(v, 0.90), percentile(v, 0.99), v[v.length - 1], v.length);
    }

    private static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }
}

package io.chimeraforge.benchmarks;

import io.chimeraforge.bench.Backend;
import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.bench.ConfigResult;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Workload;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench client's own overhead on TTFT, with the server's cost taken out.
 *
 * <p><b>What it measures.</b> For every request, the issue's "client overhead" = measured TTFT −
 * true TTFT, where measured TTFT is the client's {@link RequestTimeline#firstTokenNanos()} −
 * {@link RequestTimeline#sentNanos()} and true TTFT is what the server itself spent: the
 * {@link System#nanoTime()} right after its write of the first content token's bytes returned,
 * minus the {@code nanoTime} right after the read that completed the request returned. Because
 * server and client run in this one JVM, all four instants are on the same monotonic clock, so the
 * overhead also splits into its two legs, printed separately:
 * <ul>
 *   <li><b>send path</b> = server request received − client {@code sentNanos}: the bench client's
 *       request write (the connection is already taken: {@code sentNanos} follows the checkout),
 *       loopback, and the server's own selector wake-up; split at the server read that brought the request's first byte (the rest is the client
 *       sending headers and body in separate writes, or the server needing more reads);</li>
 *   <li><b>receive path</b> = client {@code firstTokenNanos} − server first-token write: loopback
 *       and the wake-up of the stream thread blocked in {@code read}, which timestamps the bytes
 *       before de-chunking and decoding them.</li>
 * </ul>
 * total = send path + receive path, exactly.
 *
 * <p><b>Why.</b> {@code HarnessFigures overhead} runs against {@code MockLlmServer} in a child
 * JVM and can only compare TTFT with the scripted TTFT, so its figure includes the mock's own
 * wake-up lateness. Here the server is a minimal raw-socket
 * HTTP/1.1 server written for this benchmark: one NIO selector thread on 127.0.0.1 that parses the
 * request, answers {@code 200}, {@code text/event-stream}, chunked, keep-alive, right away, then
 * writes one SSE {@code data:} event per token (OpenAI completions or chat format, usage in each
 * chunk when {@code continuous_usage_stats} is asked for and in a final usage-only chunk, then
 * {@code data: [DONE]}) on its own timer. Its timer lateness does not enter the figure: the write
 * is timestamped when it actually happens. Requests are matched to server records through the
 * bench's {@code uniquePrefix} marker ({@code [request N]}) in the prompt.
 *
 * <p><b>Controls.</b> {@code --floor} replaces the bench library with a blocking-socket client
 * (one keep-alive connection, request written in one {@code write}, bytes timestamped when
 * {@code read} returns): the floor that loopback, thread wake-ups and this server impose.
 * {@code --jdk-client} uses a bare JDK {@code HttpClient} configured as the bench configured it
 * before it got its own transport (HTTP/1.1, 2-thread executor, request timeout) with
 * {@code BodyHandlers.ofInputStream()}: the JDK client's own cost, kept for comparison. Both are
 * 1 stream. {@code --via-proxy} runs the bench library with this server as its HTTP proxy, so
 * every request takes the library's second transport (the JDK {@code HttpClient}, used whenever a
 * proxy applies): compare it with the same run without the flag.
 *
 * <p><b>Caveats.</b> The server shares the machine (and this JVM's cores and GC) with the client,
 * so on a busy machine both legs include waiting for a core; the server thread's CPU time is
 * printed so its share is visible. The server timestamps after its write returns, so the receive
 * path can be a few microseconds short, even negative (the client may already have been woken on
 * the other core). {@code uniquePrefix} makes the client build each request body at dispatch (not
 * on the timed path: {@code sentNanos} is taken after). With N closed-loop streams and equal
 * scripts the streams stay in step: each measured round starts as a burst of N requests sent at
 * once ({@code --ttft-jitter-ms J} adds a seeded uniform [0, J) ms to each scripted TTFT to spread
 * them; the overhead does not depend on the TTFT value). {@code --open-loop RATE} sends Poisson
 * arrivals at RATE req/s instead (the bench's {@code server} workload, the in-flight cap = the
 * streams argument): at 640 req/s with 16 tokens 100 ms apart about 1,024 streams are open at
 * once without the lock-step bursts. The busiest Java threads are printed (JIT and GC threads are
 * not Java threads: process CPU minus their sum is mostly JIT at these run lengths). Every run is
 * bounded in requests.
 *
 * <pre>
 * java -XX:+UseShenandoahGC -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ClientOverhead 1
 * java -XX:+UseShenandoahGC -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ClientOverhead 1024
 * java -XX:+UseShenandoahGC -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ClientOverhead 1024 100 100 16 4096 --open-loop 640 --warmup 640
 * java -XX:+UseShenandoahGC -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ClientOverhead 1024 100 100 16 12288 --ramp-up-ms 1600
 * java -XX:+UseShenandoahGC -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ClientOverhead 1 --floor
 * java -XX:+UseShenandoahGC -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ClientOverhead 1 --jdk-client
 * java -XX:+UseShenandoahGC -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.ClientOverhead 1 --warmup 300 --via-proxy
 * # general form (defaults: 1 stream: 100 10 8 200; N streams: 100 100 16 3N; warm-up max(50, N)):
 * # ClientOverhead streams [ttftMs gapMs tokens requests [chat]] [--ttft-jitter-ms J] [--warmup N] [--open-loop RATE]
 * #                [--ramp-up-ms R] [--floor | --jdk-client]
 * </pre>
 */
public final class ClientOverhead {

    private ClientOverhead() {
    }

    /** Removes {@code flag} and the value after it from {@code args}; the value, if the flag was there. */
    private static java.util.Optional<String> takeOption(List<String> args, String flag) {
        int at = args.indexOf(flag);
        if (at < 0 || at + 1 >= args.size()) {
            return java.util.Optional.empty();
        }
        String value = args.remove(at + 1);
        args.remove(at);
        return java.util.Optional.of(value);
    }

    /** Entry point: {@code streams [ttftMs gapMs tokens requests [chat]]}; see the class comment. */
    public static void main(String[] argv) throws Exception {
        List<String> list = new ArrayList<>(List.of(argv));
        long jitterMs = takeOption(list, "--ttft-jitter-ms").map(Long::parseLong).orElse(0L);
        long rampMs = takeOption(list, "--ramp-up-ms").map(Long::parseLong).orElse(0L);
        int warmup = takeOption(list, "--warmup").map(Integer::parseInt).orElse(-1);
        double rate = takeOption(list, "--open-loop").map(Double::parseDouble).orElse(0.0);
        boolean floor = list.remove("--floor");
        boolean jdk = list.remove("--jdk-client");
        boolean viaProxy = list.remove("--via-proxy");
        String[] args = list.toArray(new String[0]);
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long ttftMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        long gapMs = args.length > 2 ? Long.parseLong(args[2]) : (streams > 1 ? 100 : 10);
        int tokens = args.length > 3 ? Integer.parseInt(args[3]) : (streams > 1 ? 16 : 8);
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : (streams > 1 ? streams * 3 : 200);
        boolean chat = args.length > 5 && args[5].equals("chat");
        if (streams < 1 || ttftMs < 0 || gapMs < 0 || tokens < 1 || runs < 1 || jitterMs < 0 || rate < 0) {
            System.err.println("usage: ClientOverhead streams [ttftMs gapMs tokens requests [chat]] [--ttft-jitter-ms J] "
                    + "[--warmup N] [--open-loop RATE] [--ramp-up-ms R] [--floor | --jdk-client | --via-proxy]");
            System.exit(2);
        }
        if (floor || jdk) {
            floor(ttftMs, gapMs, tokens, runs, jdk, warmup < 0 ? 50 : warmup);
        } else {
            run(streams, ttftMs, jitterMs, gapMs, tokens, runs, chat, warmup < 0 ? Math.max(50, streams) : warmup, rate,
                    rampMs, viaProxy);
        }
    }

    private static void run(int streams, long ttftMs, long jitterMs, long gapMs, int tokens, int runs, boolean chat,
            int warmup, double rate, long rampMs, boolean viaProxy) throws Exception {
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (RawSseServer server = new RawSseServer(ttftMs * 1_000_000L, jitterMs * 1_000_000L, gapMs * 1_000_000L, tokens, streams + 64)) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.VLLM)
                    .baseUrl("http://127.0.0.1:" + server.port())
                    .workload(rate > 0 ? Workload.SERVER : streams == 1 ? Workload.SINGLE : Workload.CONCURRENT)
                    .concurrency(streams).runs(runs)
                    .warmupRequests(warmup).maxTokens(tokens).chat(chat).uniquePrefix(true)
                    .preflight(false).build();
            if (viaProxy) {
                // The server is its own proxy (it answers absolute-form targets): the bench then
                // sends every request through its JDK HttpClient transport, the proxied path.
                config = config.toBuilder().proxy(java.net.URI.create("http://127.0.0.1:" + server.port())).build();
            }
            if (rate > 0) {
                config = config.toBuilder().rate(rate).build();
            } else if (rampMs > 0 && streams > 1) {
                // Staggered starts stay staggered: every request here takes the same time.
                config = config.toBuilder().rampUp(java.time.Duration.ofMillis(rampMs)).build();
            }
            Map<String, Long> threadCpu = new ConcurrentHashMap<>();
            Thread sampler = new Thread(() -> {
                java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                while (!Thread.currentThread().isInterrupted()) {
                    for (long id : mx.getAllThreadIds()) {
                        java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
                        long cpu = mx.getThreadCpuTime(id);
                        if (info != null && cpu > 0) {
                            threadCpu.merge(info.getThreadName() + "#" + id, cpu, Math::max);
                        }
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "cpu-sampler");
            sampler.setDaemon(true);
            Map<String, Long> before = new java.util.HashMap<>();
            java.lang.management.ThreadMXBean mx0 = ManagementFactory.getThreadMXBean();
            for (long id : mx0.getAllThreadIds()) {
                java.lang.management.ThreadInfo info = mx0.getThreadInfo(id);
                if (info != null) {
                    before.put(info.getThreadName() + "#" + id, Math.max(0, mx0.getThreadCpuTime(id)));
                }
            }
            sampler.start();
            long cpu0 = processCpuNanos();
            long serverCpu0 = server.cpuNanos();
            long accepted0 = server.accepted.get();
            long wall0 = System.nanoTime();
            List<ConfigResult> results = BenchRunner.builder(config).captureGpu(false).build().run().configs();
            double wallS = (System.nanoTime() - wall0) / 1e9;
            double cpuS = (processCpuNanos() - cpu0) / 1e9;
            sampler.interrupt();
            sampler.join();
            double serverCpuS = (server.cpuNanos() - serverCpu0) / 1e9;
            long connections = server.accepted.get() - accepted0;
            double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            List<RequestTimeline> timelines = results.get(0).timelines();
            List<Double> total = new ArrayList<>();
            List<Double> send = new ArrayList<>();
            List<Double> sendFirstByte = new ArrayList<>();
            List<Double> sendRest = new ArrayList<>();
            List<Double> receive = new ArrayList<>();
            List<Double> serverTtft = new ArrayList<>();
            List<Double> serverLate = new ArrayList<>();
            List<Double> laterTotal = new ArrayList<>();
            List<Double> laterSend = new ArrayList<>();
            List<Double> laterReceive = new ArrayList<>();
            int ok = 0;
            int unmatched = 0;
            for (RequestTimeline t : timelines) {
                if (t.warmup() || !t.succeeded() || t.firstTokenNanos().isEmpty()) {
                    continue;
                }
                ok++;
                ServerTimes s = server.times.get(Long.toString(t.index()));
                if (s == null) {
                    unmatched++;
                    continue;
                }
                long clientFirst = t.firstTokenNanos().getAsLong();
                double trueTtft = (s.firstWrite - s.received) / 1e6;
                total.add((clientFirst - t.sentNanos()) / 1e6 - trueTtft);
                send.add((s.received - t.sentNanos()) / 1e6);
                sendFirstByte.add((s.firstByte - t.sentNanos()) / 1e6);
                sendRest.add((s.received - s.firstByte) / 1e6);
                receive.add((clientFirst - s.firstWrite) / 1e6);
                serverTtft.add(trueTtft);
                serverLate.add(trueTtft - s.scriptedTtftNanos() / 1e6);
                if (rate == 0 && t.index() >= streams) { // not in the first wave, which all workers send at once
                    laterTotal.add(total.get(total.size() - 1));
                    laterSend.add(send.get(send.size() - 1));
                    laterReceive.add(receive.get(receive.size() - 1));
                }
            }
            System.out.printf(Locale.ROOT, "client overhead, raw-socket server in-process: %s=%d requests=%d ok=%d matched=%d "
                    + "(%s, scripted TTFT %d ms + U[0,%d) ms, %d tokens %d ms apart, %d warm-up)%n",
                    rate > 0 ? String.format(Locale.ROOT, "open loop Poisson %.0f req/s, in-flight cap", rate) : "streams", streams, runs, ok, total.size(),
                    chat ? "OpenAI chat SSE" : "OpenAI completions SSE", ttftMs, jitterMs, tokens, gapMs, config.warmupRequests());
            if (total.isEmpty()) {
                System.out.println("  no request matched a server record (unmatched " + unmatched + ")");
                return;
            }
            line("overhead = TTFT - true TTFT:", total);
            line("  send path (sent -> server read request):", send);
            line("    sent -> server read first byte:", sendFirstByte);
            line("    server first byte -> request complete:", sendRest);
            line("  receive path (server write -> client):", receive);
            if (streams > 1 && !laterTotal.isEmpty()) {
                line("overhead, requests after the first wave:", laterTotal);
                line("  send path:", laterSend);
                line("  receive path:", laterReceive);
            }
            line("true TTFT (server received -> first write):", serverTtft);
            line("  server timer lateness (true - scripted):", serverLate);
            System.out.printf(Locale.ROOT, "  wall %.1f s, process CPU %.1f s (server thread %.1f s of it), %d cores; "
                    + "connections accepted %d; load average %.2f before, %.2f after; %s %s, GC %s%n",
                    wallS, cpuS, serverCpuS, Runtime.getRuntime().availableProcessors(), connections, load0, load1,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), gcNames());
            System.out.println("  most requests in flight at once: "
                    + results.get(0).result().aggregate().extra().get("max_in_flight_per_instance"));
            System.out.println("  busiest threads (CPU s during the run, Java threads only, sampled every 200 ms): "
                    + threadCpu.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(6)
                            .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e9))
                            .collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /**
     * The control: the same server and script, but a minimal blocking-socket client (one
     * keep-alive connection, one request at a time) in place of the bench library — what loopback,
     * thread wake-ups and the server cost with no HTTP client in the way.
     */
    private static void floor(long ttftMs, long gapMs, int tokens, int runs, boolean jdk, int warmup) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "jdk-client-executor");
            t.setDaemon(true);
            return t;
        });
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .executor(pool).build();
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (RawSseServer server = new RawSseServer(ttftMs * 1_000_000L, 0, gapMs * 1_000_000L, tokens, 64);
                java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setTcpNoDelay(true);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.InputStream in = socket.getInputStream();
            byte[] buf = new byte[64 * 1024];
            List<Double> total = new ArrayList<>();
            List<Double> send = new ArrayList<>();
            List<Double> receive = new ArrayList<>();
            for (int i = 0; i < warmup + runs; i++) {
                String key = (i < warmup ? "w" : "") + i;
                byte[] body = ("{\"model\":\"mock-model\",\"prompt\":\"[request " + key + "] hello\",\"max_tokens\":" + tokens
                        + ",\"stream\":true}").getBytes(StandardCharsets.UTF_8);
                byte[] request = ("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n" + new String(body, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                long sent;
                long firstToken = -1;
                if (jdk) {
                    java.net.http.HttpRequest.Builder rb = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1/completions"));
                    if (!Boolean.getBoolean("clientoverhead.noTimeout")) {
                        rb.timeout(java.time.Duration.ofSeconds(300)); // as the bench client sets it
                    }
                    java.net.http.HttpRequest r = rb.header("Content-Type", "application/json")
                            .header("Accept", "text/event-stream").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    sent = System.nanoTime();
                    java.net.http.HttpResponse<java.io.InputStream> response = client
                            .sendAsync(r, java.net.http.HttpResponse.BodyHandlers.ofInputStream()).get();
                    try (java.io.InputStream stream = response.body()) {
                        StringBuilder seen = new StringBuilder();
                        int n;
                        while ((n = stream.read(buf)) >= 0) {
                            long now = System.nanoTime();
                            seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                            if (firstToken < 0 && seen.indexOf("\"text\":\" tok") >= 0) {
                                firstToken = now;
                            }
                        }
                    }
                } else {
                sent = System.nanoTime();
                out.write(request);
                out.flush();
                StringBuilder seen = new StringBuilder();
                while (true) {
                    int n = in.read(buf);
                    long now = System.nanoTime();
                    if (n < 0) {
                        throw new IOException("server closed the connection");
                    }
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    if (firstToken < 0 && seen.indexOf("\"text\":\" tok") >= 0) {
                        firstToken = now;
                    }
                    if (seen.length() >= 5 && seen.lastIndexOf("\r\n0\r\n\r\n") >= 0) {
                        break;
                    }
                }
                }
                if (i < warmup) {
                    continue;
                }
                ServerTimes s = server.times.get(key);
                double trueTtft = (s.firstWrite() - s.received()) / 1e6;
                total.add((firstToken - sent) / 1e6 - trueTtft);
                send.add((s.received() - sent) / 1e6);
                receive.add((firstToken - s.firstWrite()) / 1e6);
            }
            System.out.printf(Locale.ROOT, (jdk ? "control: bare JDK HttpClient (HTTP/1.1, 2-thread executor, sendAsync + ofInputStream)"
                    : "floor: blocking-socket client") + ", 1 stream, %d requests (scripted TTFT %d ms, %d tokens %d ms apart, %d warm-up)%n",
                    runs, ttftMs, tokens, gapMs, warmup);
            line("overhead = TTFT - true TTFT:", total);
            line("  send path (sent -> server read request):", send);
            line("  receive path (server write -> client read):", receive);
            System.out.printf(Locale.ROOT, "  load average %.2f before, %.2f after%n", load0,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void line(String name, List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %-46s p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms  (n=%d)%n", name,
                pct(sorted, 0.50), pct(sorted, 0.99), sorted[sorted.length - 1], sorted.length);
    }

    private static double pct(double[] sorted, double p) {
        double k = (sorted.length - 1) * p;
        int f = (int) Math.floor(k);
        int c = Math.min(f + 1, sorted.length - 1);
        return f == c ? sorted[f] : sorted[f] * (c - k) + sorted[c] * (k - f);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String gcNames() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    }

    /** Server-side instants of one request, {@link System#nanoTime()}. */
    record ServerTimes(long firstByte, long received, long firstWrite, long scriptedTtftNanos) {
    }

    // ------------------------------------------------------------------ the raw-socket server

    /**
     * A single-threaded NIO HTTP/1.1 server on 127.0.0.1 that streams scripted SSE answers to
     * {@code POST /v1/completions} and {@code /v1/chat/completions}; anything else is a 404.
     * Keep-alive, chunked responses, TCP_NODELAY, no pipelining. All state is confined to the
     * selector thread except {@link #times}.
     */
    static final class RawSseServer implements AutoCloseable {
        private static final byte[] HEADERS = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        private static final byte[] NOT_FOUND = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        final Map<String, ServerTimes> times = new ConcurrentHashMap<>();
        private final long ttftNanos;
        private final long jitterNanos;
        private final java.util.Random random = new java.util.Random(42);
        final AtomicLong accepted = new AtomicLong();
        private final long gapNanos;
        private final int tokens;
        private final ServerSocketChannel listener;
        private final Selector selector;
        private final Thread loop;
        private final PriorityQueue<Due> timers = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
        private final AtomicLong sequence = new AtomicLong();
        private volatile boolean running = true;

        RawSseServer(long ttftNanos, long jitterNanos, long gapNanos, int tokens, int backlog) throws IOException {
            this.ttftNanos = ttftNanos;
            this.jitterNanos = jitterNanos;
            this.gapNanos = gapNanos;
            this.tokens = tokens;
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Math.max(backlog, 1024));
            listener.configureBlocking(false);
            selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            loop = new Thread(this::serve, "raw-sse-server");
            loop.setDaemon(true);
            loop.start();
        }

        /** CPU time of the server's selector thread so far, nanoseconds. */
        long cpuNanos() {
            return ManagementFactory.getThreadMXBean().getThreadCpuTime(loop.getId());
        }

        int port() {
            return listener.socket().getLocalPort();
        }

        /** One scheduled write: token {@code token} of the request on {@code conn}. */
        private record Due(long at, long seq, Conn conn, int generation, int token, Stream stream) {
        }

        /** The request being answered on a connection. */
        private static final class Stream {
            final String key;
            final boolean chat;
            final boolean continuousUsage;
            final long firstByte;
            final long received;
            long ttft;

            Stream(String key, boolean chat, boolean continuousUsage, long firstByte, long received) {
                this.key = key;
                this.chat = chat;
                this.continuousUsage = continuousUsage;
                this.firstByte = firstByte;
                this.received = received;
            }
        }

        private static final class Conn {
            final SocketChannel channel;
            final SelectionKey key;
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            final ArrayDeque<Pending> out = new ArrayDeque<>();
            long firstByte; // nanoTime of the read that brought the first byte of the pending request
            int generation; // bumped when a stream ends, so stale timers are dropped
            boolean closed;

            Conn(SocketChannel channel, SelectionKey key) {
                this.channel = channel;
                this.key = key;
            }
        }

        /** Bytes not yet accepted by the socket; {@code first} marks a first-token write. */
        private record Pending(ByteBuffer bytes, Stream first) {
        }

        private void serve() {
            try {
                while (running) {
                    long now = System.nanoTime();
                    while (!timers.isEmpty() && timers.peek().at <= now) {
                        fire(timers.poll());
                    }
                    if (timers.isEmpty()) {
                        selector.select();
                    } else {
                        long waitNanos = timers.peek().at - System.nanoTime();
                        if (waitNanos <= 0) {
                            selector.selectNow();
                        } else {
                            selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
                        }
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey k = it.next();
                        it.remove();
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.isAcceptable()) {
                            accept();
                        } else {
                            Conn c = (Conn) k.attachment();
                            if (k.isValid() && k.isWritable()) {
                                drain(c);
                            }
                            if (k.isValid() && k.isReadable()) {
                                read(c);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    e.printStackTrace();
                }
            }
        }

        private void accept() throws IOException {
            SocketChannel ch;
            while ((ch = listener.accept()) != null) {
                accepted.incrementAndGet();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey k = ch.register(selector, SelectionKey.OP_READ);
                k.attach(new Conn(ch, k));
            }
        }

        private void read(Conn c) {
            int n;
            try {
                if (!c.in.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
                    c.in.flip();
                    bigger.put(c.in);
                    c.in = bigger;
                }
                n = c.channel.read(c.in);
            } catch (IOException e) {
                close(c);
                return;
            }
            long now = System.nanoTime(); // the read that may complete a request has returned
            if (n < 0) {
                close(c);
                return;
            }
            if (n > 0 && c.in.position() == n) {
                c.firstByte = now;
            }
            parse(c, now);
        }

        /** Handles every complete request in the buffer (the client sends one at a time). */
        private void parse(Conn c, long now) {
            while (true) {
                byte[] buf = c.in.array();
                int len = c.in.position();
                int end = indexOf(buf, len, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (end < 0) {
                    return;
                }
                String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
                int contentLength = 0;
                String[] lines = head.split("\r\n");
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                        contentLength = Integer.parseInt(lines[i].substring(colon + 1).trim());
                    }
                }
                int bodyStart = end + 4;
                if (len < bodyStart + contentLength) {
                    return;
                }
                String body = new String(buf, bodyStart, contentLength, StandardCharsets.UTF_8);
                // consume the request
                int consumed = bodyStart + contentLength;
                System.arraycopy(buf, consumed, buf, 0, len - consumed);
                c.in.position(len - consumed);
                long firstByte = c.firstByte;
                c.firstByte = now; // any leftover bytes arrived with this read
                String[] requestLine = lines[0].split(" ");
                String method = requestLine[0];
                String path = requestLine.length > 1 ? requestLine[1] : "";
                if (path.startsWith("http://")) { // absolute form, as sent to a proxy
                    int slash = path.indexOf('/', "http://".length());
                    path = slash < 0 ? "/" : path.substring(slash);
                }
                boolean chat = path.startsWith("/v1/chat/completions");
                if (method.equals("POST") && (chat || path.startsWith("/v1/completions"))) {
                    Stream s = new Stream(marker(body), chat, body.contains("continuous_usage_stats"), firstByte, now);
                    write(c, ByteBuffer.wrap(HEADERS), null);
                    int generation = c.generation;
                    s.ttft = ttftNanos + (jitterNanos > 0 ? (long) (random.nextDouble() * jitterNanos) : 0);
                    for (int i = 0; i < tokens; i++) {
                        timers.add(new Due(now + s.ttft + i * gapNanos, sequence.getAndIncrement(), c, generation, i, s));
                    }
                } else {
                    write(c, ByteBuffer.wrap(NOT_FOUND), null);
                }
                if (c.closed) {
                    return;
                }
            }
        }

        /** The bench's unique-prefix marker: {@code [request 12]} → "12", {@code [request w3]} → "w3". */
        private static String marker(String body) {
            int at = body.indexOf("[request ");
            if (at < 0) {
                return "?";
            }
            int close = body.indexOf(']', at);
            return close < 0 ? "?" : body.substring(at + "[request ".length(), close);
        }

        private static int indexOf(byte[] buf, int len, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= len; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buf[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private void fire(Due d) {
            Conn c = d.conn;
            if (c.closed || d.generation != c.generation) {
                return;
            }
            Stream s = d.stream;
            boolean last = d.token == tokens - 1;
            String usage = "\"usage\":{\"prompt_tokens\":32,\"completion_tokens\":" + (d.token + 1)
                    + ",\"total_tokens\":" + (d.token + 33) + "}";
            String finish = last ? "\"length\"" : "null";
            String text = " tok" + d.token;
            String event = s.chat
                    ? "{\"id\":\"chatcmpl-raw\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"mock-model\","
                            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"logprobs\":null,\"finish_reason\":"
                            + finish + "}]" + (s.continuousUsage ? "," + usage : "") + "}"
                    : "{\"id\":\"cmpl-raw\",\"object\":\"text_completion\",\"created\":1767225600,\"model\":\"mock-model\","
                            + "\"choices\":[{\"index\":0,\"text\":\"" + text + "\",\"logprobs\":null,\"finish_reason\":"
                            + finish + "}]" + (s.continuousUsage ? "," + usage : "") + "}";
            write(c, chunk("data: " + event + "\n\n"), d.token == 0 ? s : null);
            if (last) {
                String tail = "{\"id\":\"cmpl-raw\",\"object\":\"" + (s.chat ? "chat.completion.chunk" : "text_completion")
                        + "\",\"created\":1767225600,\"model\":\"mock-model\",\"choices\":[]," + usage + "}";
                ByteBuffer end = ByteBuffer.allocate(512 + tail.length());
                end.put(chunk("data: " + tail + "\n\n")).put(chunk("data: [DONE]\n\n"))
                        .put("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).flip();
                write(c, end, null);
                c.generation++;
            }
        }

        private static ByteBuffer chunk(String data) {
            byte[] payload = data.getBytes(StandardCharsets.UTF_8);
            byte[] size = (Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer b = ByteBuffer.allocate(size.length + payload.length + 2);
            b.put(size).put(payload).put((byte) '\r').put((byte) '\n').flip();
            return b;
        }

        /** Writes now if nothing is queued; records the first-token instant once its bytes are out. */
        private void write(Conn c, ByteBuffer bytes, Stream first) {
            if (c.closed) {
                return;
            }
            if (c.out.isEmpty()) {
                try {
                    c.channel.write(bytes);
                } catch (IOException e) {
                    close(c);
                    return;
                }
                if (!bytes.hasRemaining()) {
                    if (first != null) {
                        times.put(first.key, new ServerTimes(first.firstByte, first.received, System.nanoTime(), first.ttft));
                    }
                    return;
                }
            }
            c.out.add(new Pending(bytes, first));
            c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }

        private void drain(Conn c) {
            while (!c.out.isEmpty()) {
                Pending p = c.out.peek();
                try {
                    c.channel.write(p.bytes);
                } catch (IOException e) {
                    close(c);
                    return;
                }
                if (p.bytes.hasRemaining()) {
                    return;
                }
                if (p.first != null) {
                    times.put(p.first.key, new ServerTimes(p.first.firstByte, p.first.received, System.nanoTime(), p.first.ttft));
                }
                c.out.poll();
            }
            c.key.interestOps(SelectionKey.OP_READ);
        }

        private void close(Conn c) {
            c.closed = true;
            c.key.cancel();
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            selector.wakeup();
            loop.join(5000);
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
            listener.close();
        }
    }
}

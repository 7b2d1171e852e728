package io.chimeraforge.bench.internal.load;

import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Slo;
import io.chimeraforge.bench.TokenSource;
import io.chimeraforge.core.result.IndividualRun;
import io.chimeraforge.core.result.StatSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration's measured requests, folded in as they finish with bounded memory per
 * request: a successful request is a fixed row of primitives (its {@code individual_runs} entry
 * is rebuilt from it on demand), every request adds its lifetime to compact per-instance arrays
 * (for contention), per-token and per-chunk gaps go to {@link Series}. Only the first
 * {@code timelineLimit} timelines are kept as objects. Thread-safe.
 */
public final class RequestStats {

    /** Failure warnings kept word for word; the rest are counted in one closing warning. */
    static final int WARNING_LIMIT = 1000;

    // Row layout of a successful request (NaN = absent).
    private static final int TOKENS = 0;
    private static final int TPS = 1;
    private static final int TTFT = 2;
    private static final int TOTAL = 3;
    private static final int PROMPT = 4;
    private static final int EVAL = 5;
    private static final int INDEX = 6;
    private static final int INSTANCE = 7;
    private static final int TTF_CHUNK = 8;
    private static final int HEADERS = 9;
    private static final int E2E = 10;
    private static final int E2E_SCHEDULE = 11;
    private static final int QUEUE = 12;
    private static final int TPOT = 13;
    private static final int DECODE_TPS = 14;
    private static final int CLIENT_TPS = 15;
    private static final int PROMPT_TOKENS = 16;
    private static final int TOKEN_SOURCE = 17;
    private static final int CHUNKS = 18;
    private static final int FINISH = 19;
    private static final int SERVER_TTFT = 20;
    private static final int CLIENT_TTFT = 21;
    private static final int CONNECT = 22;
    private static final int REUSED = 23;
    private static final int STRIDE = 24;

    private final boolean ollama;
    private final int timelineLimit;
    private final int runsPlanned;
    private final Optional<Slo> slo;
    private double[] rows = new double[16 * STRIDE];
    private int ok;
    private final List<String> finishReasons = new ArrayList<>();
    private final List<RequestTimeline> retained = new ArrayList<>();
    private final List<String> failureWarnings = new ArrayList<>();
    private final Map<ErrorKind, Integer> errors = new EnumMap<>(ErrorKind.class);
    private final Map<TokenSource, Long> sources = new EnumMap<>(TokenSource.class);
    private final Series itlChunk = new Series();
    private final Series itlToken = new Series();
    private final Lifetimes[] lifetimes;
    private long failed;
    private long cancelled;
    private long tokens;
    private long chunks;
    private long mismatches;
    private long good;
    private long firstDispatch = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    /** Stats for requests spread over {@code instances} base URLs. */
    public RequestStats(int instances, boolean ollama, int timelineLimit, int runsPlanned, Optional<Slo> slo) {
        this.ollama = ollama;
        this.timelineLimit = timelineLimit;
        this.runsPlanned = runsPlanned;
        this.slo = slo;
        this.lifetimes = new Lifetimes[instances];
        for (int i = 0; i < instances; i++) {
            lifetimes[i] = new Lifetimes();
        }
    }

    /** Folds in one finished measured request. */
    public synchronized void add(RequestTimeline t) {
        if (retained.size() < timelineLimit) {
            retained.add(t);
        }
        firstDispatch = Math.min(firstDispatch, t.dispatchedNanos());
        lastEnd = Math.max(lastEnd, t.endNanos());
        lifetimes[Math.min(t.instance(), lifetimes.length - 1)].add(t, t.succeeded());
        if (t.error().isPresent()) {
            ErrorKind kind = t.error().get().kind();
            errors.merge(kind, 1, Integer::sum);
            if (kind == ErrorKind.CANCELLED) {
                cancelled++;
            } else {
                failed++;
            }
            if (failureWarnings.size() < WARNING_LIMIT) {
                failureWarnings.add("Run " + (t.index() + 1) + "/" + runsPlanned + " failed: "
                        + io.chimeraforge.bench.internal.UrlRedaction.redactText(t.error().get().message()));
            }
            return;
        }
        IndividualRun run = Aggregator.individual(t, ollama);
        if ((ok + 1) * STRIDE > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        int at = ok * STRIDE;
        Arrays.fill(rows, at, at + STRIDE, Double.NaN);
        rows[at + TOKENS] = run.tokensGenerated();
        rows[at + TPS] = run.throughputTps();
        rows[at + TTFT] = run.ttftMs();
        rows[at + TOTAL] = run.totalDurationMs();
        rows[at + PROMPT] = run.promptEvalDurationMs();
        rows[at + EVAL] = run.evalDurationMs();
        rows[at + INDEX] = t.index();
        rows[at + INSTANCE] = t.instance();
        rows[at + CLIENT_TTFT] = run.ttftMs();
        t.firstChunkMs().ifPresent(v -> rows[at + TTF_CHUNK] = v);
        t.headersMs().ifPresent(v -> rows[at + HEADERS] = v);
        rows[at + E2E] = t.e2eMs();
        rows[at + E2E_SCHEDULE] = t.e2eFromScheduleMs();
        rows[at + QUEUE] = t.queueMs();
        t.tpotMs().ifPresent(v -> rows[at + TPOT] = v);
        t.decodeTps().ifPresent(v -> rows[at + DECODE_TPS] = v);
        rows[at + CLIENT_TPS] = ((Number) run.extra().get("client_throughput_tps")).doubleValue();
        t.promptTokens().ifPresent(v -> rows[at + PROMPT_TOKENS] = v);
        rows[at + TOKEN_SOURCE] = t.tokenSource().ordinal();
        rows[at + CHUNKS] = t.chunks().size();
        t.finishReason().ifPresent(v -> {
            int code = finishReasons.indexOf(v);
            if (code < 0) {
                code = finishReasons.size();
                finishReasons.add(v);
            }
            rows[at + FINISH] = code;
        });
        t.serverTimings().ifPresent(s -> rows[at + SERVER_TTFT] = s.serverTtftMs());
        rows[at + CONNECT] = t.connectMs();
        rows[at + REUSED] = t.connectionReused() ? 1 : 0;
        ok++;
        for (double v : t.chunkItlMs()) {
            itlChunk.add(v);
        }
        for (double v : t.tokenItlMs()) {
            itlToken.add(v);
        }
        tokens += t.outputTokens();
        chunks += t.chunks().size();
        sources.merge(t.tokenSource(), 1L, Long::sum);
        if (t.tokenSource() == TokenSource.SERVER_USAGE && t.contentEvents() != t.outputTokens()) {
            mismatches++;
        }
        if (slo.isPresent() && Aggregator.meets(t, slo.get())) {
            good++;
        }
    }

    /**
     * Folds in arrivals {@code [from, to)} cancelled before they were sent (open loop, still
     * queued at a stop), without a timeline each; arrival i went to instance {@code i mod n}.
     */
    public synchronized void addUnsent(long from, long to, String reason) {
        long n = to - from;
        cancelled += n;
        errors.merge(ErrorKind.CANCELLED, (int) n, Integer::sum);
        for (long i = from; i < to && failureWarnings.size() < WARNING_LIMIT; i++) {
            failureWarnings.add("Run " + (i + 1) + "/" + runsPlanned + " failed: " + reason);
        }
        for (int k = 0; k < lifetimes.length; k++) {
            long first = from + Math.floorMod(k - from, (long) lifetimes.length);
            lifetimes[k].count += first < to ? (to - 1 - first) / lifetimes.length + 1 : 0;
        }
    }

    /** Requests recorded: completed + failed + cancelled. */
    public synchronized long attempted() {
        return ok + failed + cancelled;
    }

    /** Requests that succeeded. */
    public synchronized int completed() {
        return ok;
    }

    /** Requests that failed (not counting cancelled ones). */
    public synchronized long failed() {
        return failed;
    }

    /** Requests cancelled (run cancelled or the duration limit reached), sent or still queued. */
    public synchronized long cancelled() {
        return cancelled;
    }

    /** Requests by error kind (cancelled included), in {@link ErrorKind} order. */
    public synchronized Map<ErrorKind, Integer> errors() {
        return new EnumMap<>(errors);
    }

    /** The first {@code timelineLimit} timelines, in request order. */
    public synchronized List<RequestTimeline> timelines() {
        List<RequestTimeline> out = new ArrayList<>(retained);
        out.sort((a, b) -> Long.compare(a.index(), b.index()));
        return out;
    }

    synchronized List<String> failureWarnings() {
        List<String> out = new ArrayList<>(failureWarnings);
        long more = failed + cancelled - failureWarnings.size();
        if (more > 0) {
            out.add("... and " + more + " more failed or cancelled request(s); see \"errors\" for the counts by kind.");
        }
        return out;
    }

    /**
     * The successful requests as {@code individual_runs} entries in request order: a read-only
     * view that builds each entry when it is read, so the rows stay compact.
     */
    synchronized List<IndividualRun> individualRuns() {
        double[] snapshot = Arrays.copyOf(rows, ok * STRIDE);
        Integer[] order = new Integer[ok];
        for (int i = 0; i < ok; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(snapshot[a * STRIDE + INDEX], snapshot[b * STRIDE + INDEX]));
        int[] sorted = new int[ok];
        for (int i = 0; i < ok; i++) {
            sorted[i] = order[i];
        }
        List<String> reasons = List.copyOf(finishReasons);
        return new RunView(snapshot, sorted, reasons);
    }

    /** One column of the successful requests, absent values dropped (request order not kept). */
    synchronized double[] column(int field) {
        return column(field, -1);
    }

    private double[] column(int field, int instance) {
        double[] out = new double[ok];
        int n = 0;
        for (int i = 0; i < ok; i++) {
            double v = rows[i * STRIDE + field];
            if (!Double.isNaN(v) && (instance < 0 || rows[i * STRIDE + INSTANCE] == instance)) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    synchronized double[] clientTtftOf(int instance) {
        return Arrays.stream(column(CLIENT_TTFT, instance)).filter(v -> v >= 0).toArray();
    }

    synchronized double[] throughput() {
        return column(TPS);
    }

    synchronized double[] ttftMeasured() {
        return Arrays.stream(column(TTFT)).filter(v -> v >= 0).toArray();
    }

    synchronized long unmeasuredTtft() {
        return Arrays.stream(column(TTFT)).filter(v -> v < 0).count();
    }

    synchronized double[] totalDuration() {
        return column(TOTAL);
    }

    synchronized double[] ttfChunk() {
        return column(TTF_CHUNK);
    }

    synchronized double[] headers() {
        return column(HEADERS);
    }

    synchronized double[] tpot() {
        return column(TPOT);
    }

    synchronized double[] e2e() {
        return column(E2E);
    }

    synchronized double[] e2eFromSchedule() {
        return column(E2E_SCHEDULE);
    }

    synchronized double[] queue() {
        return column(QUEUE);
    }

    synchronized double[] decodeTps() {
        return column(DECODE_TPS);
    }

    synchronized double[] outputTokens() {
        return column(TOKENS);
    }

    synchronized double[] promptTokens() {
        return column(PROMPT_TOKENS);
    }

    synchronized StatSummary itlChunk() {
        return itlChunk.summary();
    }

    synchronized StatSummary itlToken() {
        return itlToken.summary();
    }

    synchronized long tokens() {
        return tokens;
    }

    synchronized long chunks() {
        return chunks;
    }

    synchronized long tokenCountMismatches() {
        return mismatches;
    }

    synchronized long good() {
        return good;
    }

    synchronized Map<TokenSource, Long> tokenSources() {
        return new EnumMap<>(sources);
    }

    synchronized long clientEstimated() {
        return sources.getOrDefault(TokenSource.CLIENT_ESTIMATE, 0L);
    }

    /** Seconds from the first dispatch to the last end (0 with no request). */
    synchronized double spanSeconds() {
        return lastEnd > firstDispatch ? (lastEnd - firstDispatch) / 1e9 : 0.0;
    }

    synchronized int instances() {
        return lifetimes.length;
    }

    synchronized Lifetimes lifetimes(int instance) {
        return lifetimes[instance];
    }

    /** Client-side lifetimes (sent → end) of one instance's requests, as compact arrays. */
    static final class Lifetimes {
        private long[] sent = new long[16];
        private long[] end = new long[16];
        private int n;
        private long count;
        private int ok;
        private long tokens;
        private long firstDispatch = Long.MAX_VALUE;
        private long lastEnd = Long.MIN_VALUE;

        void add(RequestTimeline t, boolean succeeded) {
            count++;
            // A request never sent (cancelled in the queue) occupies nothing: no interval kept.
            if (t.endNanos() > t.sentNanos()) {
                if (n == sent.length) {
                    sent = Arrays.copyOf(sent, n * 2);
                    end = Arrays.copyOf(end, n * 2);
                }
                sent[n] = t.sentNanos();
                end[n] = t.endNanos();
                n++;
            }
            firstDispatch = Math.min(firstDispatch, t.dispatchedNanos());
            lastEnd = Math.max(lastEnd, t.endNanos());
            if (succeeded) {
                ok++;
                tokens += t.outputTokens();
            }
        }

        long count() {
            return count;
        }

        int succeeded() {
            return ok;
        }

        long tokens() {
            return tokens;
        }

        double spanSeconds() {
            return lastEnd > firstDispatch ? (lastEnd - firstDispatch) / 1e9 : 0.0;
        }

        Scaling.Occupancy occupancy() {
            return Scaling.contention(Arrays.copyOf(sent, n), Arrays.copyOf(end, n));
        }
    }

    /** The read-only, lazily built {@code individual_runs} list. */
    private static final class RunView extends io.chimeraforge.core.result.ImmutableListView<IndividualRun> {
        private final double[] rows;
        private final int[] order;
        private final List<String> reasons;

        RunView(double[] rows, int[] order, List<String> reasons) {
            this.rows = rows;
            this.order = order;
            this.reasons = reasons;
        }

        @Override
        public int size() {
            return order.length;
        }

        @Override
        public IndividualRun get(int i) {
            int at = order[i] * STRIDE;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("request_index", (long) rows[at + INDEX]);
            extra.put("instance", (int) rows[at + INSTANCE]);
            extra.put("client_ttft_ms", rows[at + CLIENT_TTFT]);
            optional(extra, "ttf_chunk_ms", rows[at + TTF_CHUNK]);
            optional(extra, "ttfb_headers_ms", rows[at + HEADERS]);
            extra.put("e2e_ms", rows[at + E2E]);
            extra.put("e2e_from_schedule_ms", rows[at + E2E_SCHEDULE]);
            extra.put("queue_ms", rows[at + QUEUE]);
            optional(extra, "tpot_ms", rows[at + TPOT]);
            optional(extra, "decode_tps", rows[at + DECODE_TPS]);
            extra.put("client_throughput_tps", rows[at + CLIENT_TPS]);
            if (!Double.isNaN(rows[at + PROMPT_TOKENS])) {
                extra.put("prompt_tokens", (int) rows[at + PROMPT_TOKENS]);
            }
            extra.put("token_source", TokenSource.values()[(int) rows[at + TOKEN_SOURCE]].name().toLowerCase(Locale.ROOT));
            extra.put("chunks", (int) rows[at + CHUNKS]);
            if (!Double.isNaN(rows[at + FINISH])) {
                extra.put("finish_reason", reasons.get((int) rows[at + FINISH]));
            }
            optional(extra, "server_ttft_ms", rows[at + SERVER_TTFT]);
            extra.put("connect_ms", rows[at + CONNECT]);
            extra.put("connection_reused", rows[at + REUSED] == 1);
            return new IndividualRun((int) rows[at + TOKENS], rows[at + TPS], rows[at + TTFT], rows[at + TOTAL],
                    rows[at + PROMPT], rows[at + EVAL], extra);
        }

        private static void optional(Map<String, Object> extra, String key, double v) {
            if (!Double.isNaN(v)) {
                extra.put(key, v);
            }
        }
    }
}

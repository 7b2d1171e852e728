package io.chimeraforge.bench.internal.load;

import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Slo;
import io.chimeraforge.bench.TokenSource;
import io.chimeraforge.bench.result.Aggregate;
import io.chimeraforge.bench.result.BenchResult;
import io.chimeraforge.bench.result.Environment;
import io.chimeraforge.bench.result.IndividualRun;
import io.chimeraforge.bench.result.StatSummary;
import io.chimeraforge.bench.result.Stats;
import io.chimeraforge.core.PyNumbers;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Turns one configuration's timelines into a {@link BenchResult}: the reference's per-run and
 * aggregate fields with the reference's definitions, then our added metrics.
 */
public final class Aggregator {

    private Aggregator() {
    }

    /** Inputs beyond the timelines. */
    public record Context(BenchConfig config, RunSpec spec, String backend, Environment environment,
            String timestamp, boolean partial, Optional<LoadDriver.GeneratorStats> generator,
            Map<String, String> modelDetails, List<String> preWarnings, boolean ollama) {
    }

    /** Builds the result. {@code timelines} are the measured requests finished so far, in request order. */
    public static BenchResult build(List<RequestTimeline> timelines, Context c) {
        List<RequestTimeline> ok = timelines.stream().filter(RequestTimeline::succeeded).toList();
        List<IndividualRun> runs = new ArrayList<>();
        for (RequestTimeline t : ok) {
            runs.add(individual(t, c.ollama()));
        }
        List<String> warnings = new ArrayList<>();
        int total = c.config().runs();
        for (RequestTimeline t : timelines) {
            t.error().ifPresent(e -> warnings.add("Run " + (t.index() + 1) + "/" + total + " failed: " + e.message()));
        }
        double[] tps = runs.stream().mapToDouble(IndividualRun::throughputTps).toArray();
        double[] ttft = runs.stream().mapToDouble(IndividualRun::ttftMs).filter(v -> v >= 0).toArray();
        StatSummary tpsSummary = Stats.summarize(tps);
        if (runs.size() >= 2 && tpsSummary.mean() > 0) {
            double cv = Stats.sampleStdDev(tps, tpsSummary.mean()) / tpsSummary.mean();
            if (cv > 0.3) {
                warnings.add("High throughput variance (CV=" + PyNumbers.fixed(cv, 2) + "). Results may be noisy.");
            }
        }
        if (runs.stream().anyMatch(r -> r.ttftMs() < 0)) {
            warnings.add("TTFT not measurable for " + runs.stream().filter(r -> r.ttftMs() < 0).count()
                    + " request(s) with " + c.backend() + " (no content token arrived); excluded from TTFT statistics.");
        }
        if (!c.ollama() && c.config().contextExplicit()) {
            warnings.add("context_length=" + c.spec().contextLength() + " recorded but NOT applied: the " + c.backend()
                    + " completion API has no per-request context override (set it at server startup)");
        }
        warnings.addAll(c.preWarnings());
        long clientEstimated = ok.stream().filter(t -> t.tokenSource() == TokenSource.CLIENT_ESTIMATE).count();
        if (clientEstimated > 0) {
            warnings.add(clientEstimated + " request(s) had no server token count; tokens were counted as content chunks (approximate).");
        }
        if (c.partial()) {
            warnings.add("Partial result: the run was interrupted or is still in progress.");
        }

        Map<String, Object> aggExtra = new LinkedHashMap<>();
        aggExtra.put("failed", timelines.size() - ok.size());
        aggExtra.put(Aggregate.CLIENT_TTFT_MS, summarize(ok, RequestTimeline::ttftMs));
        aggExtra.put("ttf_chunk_ms", summarize(ok, RequestTimeline::firstChunkMs));
        aggExtra.put("ttfb_headers_ms", summarize(ok, RequestTimeline::headersMs));
        aggExtra.put(Aggregate.TPOT_MS, summarize(ok, RequestTimeline::tpotMs));
        aggExtra.put("itl_chunk_ms", Stats.summarize(concat(ok, RequestTimeline::chunkItlMs)));
        aggExtra.put(Aggregate.ITL_TOKEN_MS, Stats.summarize(concat(ok, RequestTimeline::tokenItlMs)));
        aggExtra.put(Aggregate.E2E_MS, Stats.summarize(values(ok, RequestTimeline::e2eMs)));
        aggExtra.put(Aggregate.E2E_FROM_SCHEDULE_MS, Stats.summarize(values(ok, RequestTimeline::e2eFromScheduleMs)));
        aggExtra.put("queue_ms", Stats.summarize(values(ok, RequestTimeline::queueMs)));
        aggExtra.put("decode_tps", summarize(ok, RequestTimeline::decodeTps));
        aggExtra.put("output_tokens", Stats.summarize(values(ok, t -> t.outputTokens())));
        long tokens = ok.stream().mapToLong(RequestTimeline::outputTokens).sum();
        long chunks = ok.stream().mapToLong(t -> t.chunks().size()).sum();
        aggExtra.put("chunks_per_token", tokens > 0 ? (double) chunks / tokens : 0.0);
        double spanS = span(timelines);
        aggExtra.put("duration_s", spanS);
        aggExtra.put(Aggregate.REQUEST_THROUGHPUT_RPS, spanS > 0 ? ok.size() / spanS : 0.0);
        aggExtra.put(Aggregate.OUTPUT_THROUGHPUT_TPS, spanS > 0 ? tokens / spanS : 0.0);
        Scaling.Occupancy occupancy = Scaling.contentionByInstance(timelines, c.config().effectiveBaseUrls().size());
        occupancy.rate().ifPresent(v -> aggExtra.put("contention_rate", v));
        aggExtra.put("max_in_flight_per_instance", occupancy.maxInFlight());
        c.config().slo().ifPresent(slo -> {
            long good = ok.stream().filter(t -> meets(t, slo)).count();
            aggExtra.put(Aggregate.GOODPUT_RPS, spanS > 0 ? good / spanS : 0.0);
            aggExtra.put(Aggregate.SLO_ATTAINMENT, timelines.isEmpty() ? 0.0 : (double) good / timelines.size());
        });
        Aggregate aggregate = new Aggregate(ok.size(), tpsSummary,
                ttft.length == 0 && !runs.isEmpty() ? StatSummary.unmeasurable() : Stats.summarize(ttft),
                Stats.summarize(runs.stream().mapToDouble(IndividualRun::totalDurationMs).toArray()), tokens, aggExtra);

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("schema_extension", "chimeraforge-java/1");
        Map<String, Object> load = new LinkedHashMap<>();
        BenchConfig cfg = c.config();
        load.put("mode", cfg.workload().id());
        load.put("concurrency", c.spec().concurrency());
        c.spec().rate().ifPresent(r -> load.put("rate", r));
        if (cfg.workload() == io.chimeraforge.bench.Workload.SERVER) {
            load.put("arrival", cfg.arrival().name().toLowerCase(Locale.ROOT));
            load.put("burstiness", cfg.burstiness());
        }
        load.put("seed", cfg.seed());
        load.put("warmup_requests", cfg.warmupRequests());
        cfg.duration().ifPresent(d -> load.put("duration_limit_s", d.toMillis() / 1000.0));
        cfg.rampUp().ifPresent(d -> load.put("ramp_up_s", d.toMillis() / 1000.0));
        cfg.maxTokens().ifPresent(v -> load.put("max_tokens", v));
        load.put("ignore_eos", cfg.ignoreEos());
        cfg.temperature().ifPresent(v -> load.put("temperature", v));
        if (!c.spec().options().isEmpty()) {
            load.put("options", c.spec().options());
        }
        if (!c.spec().sweep().isEmpty()) {
            load.put("sweep", c.spec().sweep());
        }
        load.put("base_urls", cfg.effectiveBaseUrls().stream().map(URI::toString).toList());
        load.put("endpoint", cfg.chat() ? "chat" : "completion");
        load.put("http_version", "HTTP/1.1");
        extra.put("load", load);
        Map<String, Object> prompt = new LinkedHashMap<>();
        prompt.put("names", cfg.prompts().stream().map(p -> p.name()).toList());
        prompt.put("chars", cfg.prompts().stream().map(p -> p.text().length()).toList());
        double[] promptTokens = ok.stream().filter(t -> t.promptTokens().isPresent())
                .mapToDouble(t -> t.promptTokens().getAsInt()).toArray();
        if (promptTokens.length > 0) {
            prompt.put("prompt_tokens_median", Stats.summarize(promptTokens).p50());
        }
        prompt.put("unique_prefix", cfg.uniquePrefix());
        extra.put("prompt", prompt);
        Map<ErrorKind, Integer> errors = new EnumMap<>(ErrorKind.class);
        timelines.forEach(t -> t.error().ifPresent(e -> errors.merge(e.kind(), 1, Integer::sum)));
        Map<String, Object> errorMap = new LinkedHashMap<>();
        errors.forEach((k, v) -> errorMap.put(k.name().toLowerCase(Locale.ROOT), v));
        extra.put("errors", errorMap);
        Map<String, Object> provenance = new LinkedHashMap<>();
        for (TokenSource s : TokenSource.values()) {
            long n = ok.stream().filter(t -> t.tokenSource() == s).count();
            if (n > 0) {
                provenance.put(s.name().toLowerCase(Locale.ROOT), n);
            }
        }
        provenance.put("client_fallback_requests", clientEstimated);
        provenance.put("token_count_mismatches", ok.stream()
                .filter(t -> t.tokenSource() == TokenSource.SERVER_USAGE && t.contentEvents() != t.outputTokens()).count());
        extra.put("token_counts", provenance);
        c.generator().ifPresent(g -> {
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("requested_rate", g.requestedRate());
            gen.put("scheduled_rate", g.scheduledRate());
            gen.put("achieved_rate", g.achievedRate());
            gen.put("schedule_lag_ms", Stats.summarize(g.lagMs()));
            // Time the pacing thread spent handing each request to the HTTP client (lag's own cause).
            gen.put("dispatch_ms", Stats.summarize(g.dispatchMs()));
            extra.put("generator", gen);
        });
        if (!c.modelDetails().isEmpty()) {
            extra.put("model_details", c.modelDetails());
        }
        List<URI> urls = cfg.effectiveBaseUrls();
        if (urls.size() > 1) {
            List<Object> instances = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                int idx = i;
                List<RequestTimeline> mine = timelines.stream().filter(t -> t.instance() == idx).toList();
                List<RequestTimeline> mineOk = mine.stream().filter(RequestTimeline::succeeded).toList();
                double mySpan = span(mine);
                long myTokens = mineOk.stream().mapToLong(RequestTimeline::outputTokens).sum();
                Map<String, Object> inst = new LinkedHashMap<>();
                inst.put("base_url", urls.get(i).toString());
                inst.put("count", mineOk.size());
                inst.put("failed", mine.size() - mineOk.size());
                inst.put("output_throughput_tps", mySpan > 0 ? myTokens / mySpan : 0.0);
                inst.put("client_ttft_ms", summarize(mineOk, RequestTimeline::ttftMs));
                Scaling.Occupancy occ = Scaling.contention(mine);
                occ.rate().ifPresent(v -> inst.put("contention_rate", v));
                inst.put("max_in_flight", occ.maxInFlight());
                instances.add(inst);
            }
            extra.put("instances", instances);
        }
        if (c.partial()) {
            extra.put("partial", true);
        }
        return new BenchResult(c.spec().model(), c.backend(), c.spec().quant(), cfg.workload().id(), total,
                c.spec().contextLength(), runs, aggregate, c.environment(), c.timestamp(), warnings, extra);
    }

    /** The reference's per-run fields (spec §1.5 definitions), then ours. */
    static IndividualRun individual(RequestTimeline t, boolean ollama) {
        double wallS = (t.endNanos() - t.sentNanos()) / 1e9;
        double wallMs = wallS * 1000;
        double ttft = t.ttftMs().orElse(-1.0);
        double tps;
        double total;
        double prompt;
        double eval;
        if (ollama && t.serverTimings().isPresent()) {
            var s = t.serverTimings().get();
            tps = s.evalNanos() > 0 ? t.outputTokens() / (s.evalNanos() / 1e9) : 0.0;
            total = s.totalNanos() / 1e6;
            prompt = s.promptEvalNanos() / 1e6;
            eval = s.evalNanos() / 1e6;
        } else {
            tps = wallS > 0 ? t.outputTokens() / wallS : 0.0;
            total = wallMs;
            // llama.cpp reports its prefill time in its final chunk; other servers report none.
            prompt = t.serverTimings().map(s -> s.promptEvalNanos() / 1e6).orElse(0.0);
            eval = wallMs;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("request_index", t.index());
        extra.put("instance", t.instance());
        extra.put("client_ttft_ms", ttft);
        t.firstChunkMs().ifPresent(v -> extra.put("ttf_chunk_ms", v));
        t.headersMs().ifPresent(v -> extra.put("ttfb_headers_ms", v));
        extra.put("e2e_ms", t.e2eMs());
        extra.put("e2e_from_schedule_ms", t.e2eFromScheduleMs());
        extra.put("queue_ms", t.queueMs());
        t.tpotMs().ifPresent(v -> extra.put("tpot_ms", v));
        t.decodeTps().ifPresent(v -> extra.put("decode_tps", v));
        extra.put("client_throughput_tps", wallS > 0 ? t.outputTokens() / wallS : 0.0);
        t.promptTokens().ifPresent(v -> extra.put("prompt_tokens", v));
        extra.put("token_source", t.tokenSource().name().toLowerCase(Locale.ROOT));
        extra.put("chunks", t.chunks().size());
        t.finishReason().ifPresent(v -> extra.put("finish_reason", v));
        t.serverTimings().ifPresent(s -> extra.put("server_ttft_ms", s.serverTtftMs()));
        extra.put("connect_ms", t.connectMs());
        extra.put("connection_reused", t.connectionReused());
        return new IndividualRun(t.outputTokens(), tps, ttft, total, prompt, eval, extra);
    }

    private static boolean meets(RequestTimeline t, Slo slo) {
        if (slo.ttftMs().isPresent() && !(t.ttftMs().isPresent() && t.ttftMs().getAsDouble() <= slo.ttftMs().getAsDouble())) {
            return false;
        }
        if (slo.tpotMs().isPresent() && t.tpotMs().orElse(0.0) > slo.tpotMs().getAsDouble()) {
            return false;
        }
        return slo.e2eMs().isEmpty() || t.e2eFromScheduleMs() <= slo.e2eMs().getAsDouble();
    }

    /** Seconds from the first dispatch to the last end. */
    private static double span(List<RequestTimeline> timelines) {
        if (timelines.isEmpty()) {
            return 0;
        }
        long first = timelines.stream().mapToLong(RequestTimeline::dispatchedNanos).min().getAsLong();
        long last = timelines.stream().mapToLong(RequestTimeline::endNanos).max().getAsLong();
        return (last - first) / 1e9;
    }

    private static StatSummary summarize(List<RequestTimeline> ts, Function<RequestTimeline, OptionalDouble> f) {
        return Stats.summarize(ts.stream().map(f).filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                .toArray());
    }

    private static double[] values(List<RequestTimeline> ts, ToDoubleFunction<RequestTimeline> f) {
        return ts.stream().mapToDouble(f).toArray();
    }

    private static double[] concat(List<RequestTimeline> ts, Function<RequestTimeline, double[]> f) {
        return ts.stream().map(f).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}

package io.chimeraforge.bench.internal.load;

import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Slo;
import io.chimeraforge.core.result.Aggregate;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.Environment;
import io.chimeraforge.core.result.IndividualRun;
import io.chimeraforge.core.result.StatSummary;
import io.chimeraforge.core.result.Stats;
import io.chimeraforge.core.PyNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /** Builds the result from every measured request folded into {@code stats} so far. */
    public static BenchResult build(RequestStats stats, Context c) {
        List<IndividualRun> runs = stats.individualRuns();
        int total = c.config().runs();
        List<String> warnings = new ArrayList<>(stats.failureWarnings());
        double[] tps = stats.throughput();
        double[] ttft = stats.ttftMeasured();
        StatSummary tpsSummary = Stats.summarize(tps);
        if (tps.length >= 2 && tpsSummary.mean() > 0) {
            double cv = Stats.sampleStdDev(tps, tpsSummary.mean()) / tpsSummary.mean();
            if (cv > 0.3) {
                warnings.add("High throughput variance (CV=" + PyNumbers.fixed(cv, 2) + "). Results may be noisy.");
            }
        }
        long unmeasured = stats.unmeasuredTtft();
        if (unmeasured > 0) {
            warnings.add("TTFT not measurable for " + unmeasured + " request(s) with " + c.backend()
                    + " (no content token arrived); excluded from TTFT statistics.");
        }
        if (!c.ollama() && c.config().contextExplicit()) {
            warnings.add("context_length=" + c.spec().contextLength() + " recorded but NOT applied: the " + c.backend()
                    + " completion API has no per-request context override (set it at server startup)");
        }
        warnings.addAll(c.preWarnings());
        long clientEstimated = stats.clientEstimated();
        if (clientEstimated > 0) {
            warnings.add(clientEstimated + " request(s) had no server token count; tokens were counted as content chunks (approximate).");
        }
        if (c.partial()) {
            warnings.add("Partial result: the run was interrupted or is still in progress.");
        }
        if (stats.cancelled() > 0) {
            warnings.add(stats.cancelled() + " request(s) cancelled"
                    + (c.partial() ? "" : " at the duration limit") + " (in flight or still queued); not counted as failures.");
        }

        int ok = stats.completed();
        Map<String, Object> aggExtra = new LinkedHashMap<>();
        aggExtra.put("attempted", stats.attempted());
        aggExtra.put("completed", ok);
        aggExtra.put("failed", stats.failed());
        aggExtra.put("cancelled", stats.cancelled());
        aggExtra.put(Aggregate.CLIENT_TTFT_MS, Stats.summarize(ttft));
        aggExtra.put("ttf_chunk_ms", Stats.summarize(stats.ttfChunk()));
        aggExtra.put("ttfb_headers_ms", Stats.summarize(stats.headers()));
        aggExtra.put(Aggregate.TPOT_MS, Stats.summarize(stats.tpot()));
        aggExtra.put("itl_chunk_ms", stats.itlChunk());
        aggExtra.put(Aggregate.ITL_TOKEN_MS, stats.itlToken());
        aggExtra.put(Aggregate.E2E_MS, Stats.summarize(stats.e2e()));
        aggExtra.put(Aggregate.E2E_FROM_SCHEDULE_MS, Stats.summarize(stats.e2eFromSchedule()));
        aggExtra.put("queue_ms", Stats.summarize(stats.queue()));
        aggExtra.put("decode_tps", Stats.summarize(stats.decodeTps()));
        aggExtra.put("output_tokens", Stats.summarize(stats.outputTokens()));
        long tokens = stats.tokens();
        aggExtra.put("chunks_per_token", tokens > 0 ? (double) stats.chunks() / tokens : 0.0);
        double spanS = stats.spanSeconds();
        aggExtra.put("duration_s", spanS);
        aggExtra.put(Aggregate.REQUEST_THROUGHPUT_RPS, spanS > 0 ? ok / spanS : 0.0);
        aggExtra.put(Aggregate.OUTPUT_THROUGHPUT_TPS, spanS > 0 ? tokens / spanS : 0.0);
        Scaling.Occupancy occupancy = new Scaling.Occupancy(0, 0, 0);
        for (int i = 0; i < stats.instances(); i++) {
            occupancy = occupancy.plus(stats.lifetimes(i).occupancy());
        }
        occupancy.rate().ifPresent(v -> aggExtra.put("contention_rate", v));
        aggExtra.put("max_in_flight_per_instance", occupancy.maxInFlight());
        c.config().slo().ifPresent(slo -> {
            long good = stats.good();
            long judged = ok + stats.failed();
            aggExtra.put(Aggregate.GOODPUT_RPS, spanS > 0 ? good / spanS : 0.0);
            aggExtra.put(Aggregate.SLO_ATTAINMENT, judged == 0 ? 0.0 : (double) good / judged);
        });
        Aggregate aggregate = new Aggregate(ok, tpsSummary,
                ttft.length == 0 && !runs.isEmpty() ? StatSummary.unmeasurable() : Stats.summarize(ttft),
                Stats.summarize(stats.totalDuration()), tokens, aggExtra);

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
        List<String> redactedUrls = cfg.redactedBaseUrls();
        load.put("base_urls", redactedUrls);
        load.put("endpoint", cfg.chat() ? "chat" : "completion");
        load.put("http_version", "HTTP/1.1");
        extra.put("load", load);
        Map<String, Object> prompt = new LinkedHashMap<>();
        prompt.put("names", cfg.prompts().stream().map(p -> p.name()).toList());
        prompt.put("chars", cfg.prompts().stream().map(p -> p.text().length()).toList());
        double[] promptTokens = stats.promptTokens();
        if (promptTokens.length > 0) {
            prompt.put("prompt_tokens_median", Stats.summarize(promptTokens).p50());
        }
        prompt.put("unique_prefix", cfg.uniquePrefix());
        extra.put("prompt", prompt);
        Map<String, Object> errorMap = new LinkedHashMap<>();
        stats.errors().forEach((k, v) -> errorMap.put(k.name().toLowerCase(Locale.ROOT), v));
        extra.put("errors", errorMap);
        Map<String, Object> provenance = new LinkedHashMap<>();
        stats.tokenSources().forEach((s, n) -> {
            if (n > 0) {
                provenance.put(s.name().toLowerCase(Locale.ROOT), n);
            }
        });
        provenance.put("client_fallback_requests", clientEstimated);
        provenance.put("token_count_mismatches", stats.tokenCountMismatches());
        extra.put("token_counts", provenance);
        c.generator().ifPresent(g -> {
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("requested_rate", g.requestedRate());
            gen.put("scheduled_rate", g.scheduledRate());
            gen.put("achieved_rate", g.achievedRate());
            gen.put("schedule_lag_ms", g.lagMs());
            // Time the pacing thread spent handing each request to the HTTP client (lag's own cause).
            gen.put("dispatch_ms", g.dispatchMs());
            extra.put("generator", gen);
        });
        if (!c.modelDetails().isEmpty()) {
            extra.put("model_details", c.modelDetails());
        }
        if (stats.instances() > 1) {
            List<Object> instances = new ArrayList<>();
            for (int i = 0; i < stats.instances(); i++) {
                RequestStats.Lifetimes mine = stats.lifetimes(i);
                double mySpan = mine.spanSeconds();
                Map<String, Object> inst = new LinkedHashMap<>();
                inst.put("base_url", redactedUrls.get(i));
                inst.put("count", mine.succeeded());
                inst.put("failed", mine.count() - mine.succeeded());
                inst.put("output_throughput_tps", mySpan > 0 ? mine.tokens() / mySpan : 0.0);
                inst.put("client_ttft_ms", Stats.summarize(stats.clientTtftOf(i)));
                Scaling.Occupancy occ = mine.occupancy();
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

    static boolean meets(RequestTimeline t, Slo slo) {
        if (slo.ttftMs().isPresent() && !(t.ttftMs().isPresent() && t.ttftMs().getAsDouble() <= slo.ttftMs().getAsDouble())) {
            return false;
        }
        if (slo.tpotMs().isPresent() && t.tpotMs().orElse(0.0) > slo.tpotMs().getAsDouble()) {
            return false;
        }
        return slo.e2eMs().isEmpty() || t.e2eFromScheduleMs() <= slo.e2eMs().getAsDouble();
    }
}

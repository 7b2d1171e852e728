package io.chimeraforge.planner.brief;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.WorkloadPreset;
import io.chimeraforge.planner.apicost.ApiComparison;
import io.chimeraforge.planner.internal.ShellQuote;
import io.chimeraforge.planner.launch.LaunchCommand;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dated Markdown decision record for a plan: the recommendation, a metric table in which every
 * number carries its provenance, the assumptions stated as inputs, the alternatives, the API
 * comparison and launch command when asked for, the planner's warnings verbatim, and a
 * {@code chimeraforge plan} command that reproduces the plan.
 *
 * <p>It refuses to render ({@link BriefException}) when it could not be honest: when nothing fit,
 * or when the API prices are past their 90-day limit (a dated document lends a stale price more
 * authority than a terminal line does).
 *
 * <pre>{@code
 * DecisionBrief brief = DecisionBrief.builder(result).generatedAt(LocalDate.now()).build();
 * brief.write(Path.of("brief.md"));
 * }</pre>
 */
public final class DecisionBrief {

    /** The most alternatives listed by default. */
    public static final int DEFAULT_MAX_ALTERNATIVES = 4;
    /** The budget the repro command treats as the default (the reference's brief's default). */
    static final double REPRO_DEFAULT_BUDGET = 100_000;

    private final PlanResult result;
    private final Candidate winner;
    private final List<Candidate> alternatives;
    private final List<BriefMetric> metrics;
    private final String workloadName;
    private final Optional<ApiComparison> api;
    private final Optional<LaunchCommand> launch;
    private final LocalDate generatedAt;
    private final String toolVersion;
    private final String reproCommand;

    private DecisionBrief(Builder b) {
        this.result = b.result;
        if (result.candidates().isEmpty()) {
            throw new BriefException(BriefException.Reason.NOTHING_TO_RECOMMEND, "refusing to render: no feasible"
                    + " configuration was found, so there is nothing to recommend. Plan without a brief to see which"
                    + " gate rejected every candidate.");
        }
        if (b.api.isPresent() && b.api.get().pricesStale()) {
            ApiComparison a = b.api.get();
            throw new BriefException(BriefException.Reason.STALE_PRICES, "refusing to render: the API price snapshot is "
                    + a.pricesAgeDays() + " days old (captured " + a.pricesCapturedAt() + "), past the "
                    + ApiComparison.STALE_AFTER_DAYS + "-day limit. A dated document lends a stale price more authority"
                    + " than a terminal line does. Supply a newer price snapshot, or render the brief without the API"
                    + " comparison.");
        }
        this.winner = result.candidates().get(0);
        this.alternatives = result.alternatives(b.maxAlternatives);
        this.metrics = metrics(winner);
        this.workloadName = b.workloadName.orElseGet(() -> presetName(result.request().serviceCv2()));
        this.api = b.api;
        this.launch = b.launch;
        this.generatedAt = b.generatedAt;
        this.toolVersion = b.toolVersion;
        this.reproCommand = repro(result.request(), winner, workloadName, b.reproExtras);
    }

    /** A builder for the brief of {@code result}. */
    public static Builder builder(PlanResult result) {
        return new Builder(Objects.requireNonNull(result, "result"));
    }

    /** The plan the brief records. */
    public PlanResult result() {
        return result;
    }

    /** The metric table's rows. */
    public List<BriefMetric> metrics() {
        return metrics;
    }

    /** The command that reproduces the plan, shell-quoted. */
    public String reproCommand() {
        return reproCommand;
    }

    /** The brief as Markdown. */
    public String markdown() {
        return BriefMarkdown.render(this);
    }

    /**
     * The brief's content as JSON: {@code schema_version}, {@code generated_at}, {@code tool_version},
     * {@code hardware}, {@code repro_command}, {@code models_requested}, {@code recommendation},
     * {@code metrics}, {@code warnings}, {@code api_comparison}, {@code launch}.
     */
    public String toJson() {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = Json.pythonStyleGenerator(text)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", 1);
            g.writeStringField("generated_at", generatedAt.toString());
            g.writeStringField("tool_version", toolVersion);
            g.writeStringField("hardware", result.gpu().name());
            g.writeStringField("repro_command", reproCommand);
            g.writeArrayFieldStart("models_requested");
            for (String m : result.request().models()) {
                g.writeString(m);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("recommendation");
            g.writeStringField("model", winner.model());
            g.writeStringField("quant", winner.quant());
            g.writeStringField("backend", winner.backend().id());
            g.writeNumberField("gpus_total", winner.gpusTotal());
            g.writeEndObject();
            g.writeArrayFieldStart("metrics");
            for (BriefMetric m : metrics) {
                g.writeStartObject();
                g.writeStringField("label", m.label());
                g.writeStringField("value", m.value());
                g.writeStringField("provenance", m.provenance().id());
                g.writeStringField("note", m.note());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            for (String w : winner.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeFieldName("api_comparison");
            if (api.isPresent()) {
                api.get().writeJson(g);
            } else {
                g.writeNull();
            }
            g.writeFieldName("launch");
            if (launch.isPresent()) {
                g.writeStartObject();
                g.writeStringField("backend", launch.get().backend().id());
                g.writeStringField("command", launch.get().command());
                g.writeObjectField("env", launch.get().env());
                g.writeObjectField("notes", launch.get().notes());
                g.writeEndObject();
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Writes the Markdown to {@code file} atomically (temporary file and move), creating parent
     * directories; a failure leaves no partial file.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void write(Path file) {
        try {
            AtomicFiles.write(file, markdown().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the brief to " + file + ": " + e.getMessage(), e);
        }
    }

    Candidate winner() {
        return winner;
    }

    List<Candidate> alternatives() {
        return alternatives;
    }

    String workloadName() {
        return workloadName;
    }

    Optional<ApiComparison> api() {
        return api;
    }

    Optional<LaunchCommand> launch() {
        return launch;
    }

    LocalDate generatedAt() {
        return generatedAt;
    }

    String toolVersion() {
        return toolVersion;
    }

    private static String presetName(double cv2) {
        for (WorkloadPreset p : WorkloadPreset.values()) {
            if (p.serviceCv2() == cv2) {
                return p.id();
            }
        }
        return "measured (CV^2 " + PyNumbers.repr(cv2) + ")";
    }

    private static List<BriefMetric> metrics(Candidate w) {
        List<BriefMetric> rows = new ArrayList<>();
        rows.add(new BriefMetric("VRAM per GPU", PyNumbers.fixed(w.vramPerGpuGb(), 1) + " GB", Provenance.DERIVED,
                "weights + KV cache + activations"));
        rows.add(new BriefMetric("GPUs", Integer.toString(w.gpusTotal()), Provenance.DERIVED,
                w.replicas() + (w.replicas() == 1 ? " replica" : " replicas") + ", chosen by the search"));
        rows.add(new BriefMetric("Throughput (fleet)", PyNumbers.fixed(w.totalThroughputTps(), 1) + " tok/s",
                orElse(w.provenance().throughput(), Provenance.ESTIMATED),
                PyNumbers.fixed(w.singleStreamTps(), 1) + " tok/s per replica"));
        rows.add(new BriefMetric("p95 latency", PyNumbers.fixed(w.p95LatencyMs(), 0) + " ms", Provenance.ESTIMATED,
                "service + queueing"));
        rows.add(new BriefMetric("Quality score", PyNumbers.fixed(w.quality(), 3),
                orElse(w.provenance().quality(), Provenance.UNKNOWN), w.qualityTier().id()));
        rows.add(new BriefMetric("Cost", "$" + grouped(w.monthlyCostUsd(), 2) + "/mo", Provenance.DERIVED,
                "$" + PyNumbers.fixed(w.costPerMillionTokensUsd(), 3)
                        + " per 1M tokens; GPU list price only, excludes engineering time"));
        if (w.ttftMs() != 0) {
            rows.add(new BriefMetric("TTFT", PyNumbers.fixed(w.ttftMs(), 0) + " ms", Provenance.ESTIMATED, "prefill"));
        }
        if (w.tpotMs() != 0) {
            rows.add(new BriefMetric("TPOT", PyNumbers.fixed(w.tpotMs(), 1) + " ms", Provenance.ESTIMATED,
                    "per output token"));
        }
        if (w.energyCostPerMonthUsd() != 0) {
            rows.add(new BriefMetric("Energy", "$" + grouped(w.energyCostPerMonthUsd(), 2) + "/mo", Provenance.ESTIMATED,
                    PyNumbers.fixed(w.tokensPerSecondPerWatt(), 2) + " tok/s per watt, from board TDP"));
        }
        if (w.loraAdapters() != 0) {
            rows.add(new BriefMetric("LoRA adapters", w.loraAdapters() + " x rank-" + w.loraRank(), Provenance.DERIVED,
                    PyNumbers.fixed(w.loraGb() * 1000, 0) + " MB resident; exact geometry, shared base weights"));
        }
        if (w.refusalRate().isPresent()) {
            rows.add(new BriefMetric("Refusal rate", PyNumbers.percent(w.refusalRate().getAsDouble(), 1),
                    orElse(w.provenance().safety(), Provenance.UNKNOWN), "RTSI risk: " + w.rtsiRisk()));
        }
        return List.copyOf(rows);
    }

    private static Provenance orElse(Provenance p, Provenance fallback) {
        return p == null ? fallback : p;
    }

    /** Python's {@code f"{x:,.{digits}f}"}. */
    static String grouped(double x, int digits) {
        String fixed = PyNumbers.fixed(x, digits);
        int start = fixed.startsWith("-") ? 1 : 0;
        int dot = fixed.indexOf('.');
        int end = dot < 0 ? fixed.length() : dot;
        StringBuilder out = new StringBuilder(fixed.substring(0, start));
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(fixed.charAt(i));
        }
        return out.append(fixed.substring(end)).toString();
    }

    /** An integral value as an int ({@code 2.0} → {@code 2}), anything else as Python's {@code str()}. */
    static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : PyNumbers.repr(x);
    }

    private static String repro(PlanRequest r, Candidate w, String workload, List<String> extras) {
        List<String> tokens = new ArrayList<>(List.of("chimeraforge", "plan", "--hardware", r.hardware()));
        for (String m : r.models()) {
            tokens.add("--model");
            tokens.add(m);
        }
        if (r.models().isEmpty()) {
            tokens.add("--model-size");
            tokens.add(r.modelSize());
        }
        flag(tokens, "--request-rate", r.requestRate(), 1.0);
        flag(tokens, "--latency-slo", r.latencySloMs(), 5000);
        flag(tokens, "--quality-target", r.qualityTarget(), 0.5);
        flag(tokens, "--budget", r.budgetUsdPerMonth(), REPRO_DEFAULT_BUDGET);
        flag(tokens, "--avg-tokens", r.avgTokens(), 128);
        flag(tokens, "--reasoning-tokens", r.reasoningTokens(), 0);
        flag(tokens, "--prompt-tokens", r.promptTokens(), 512);
        flag(tokens, "--context-length", r.contextLength(), 2048);
        if (r.kvPrecision() != io.chimeraforge.core.estimate.KvPrecision.FP16) {
            tokens.addAll(List.of("--kv-quant", r.kvPrecision().id()));
        }
        if (!workload.equals("steady") && WorkloadPreset.fromId(workload).isPresent()) {
            tokens.addAll(List.of("--workload", workload));
        }
        flag(tokens, "--duty-cycle", r.dutyCycle(), 1.0);
        flag(tokens, "--tensor-parallel", w.tensorParallel(), 1); // the degree the search chose, never "auto"
        flag(tokens, "--pipeline-parallel", w.pipelineParallel(), 1);
        flag(tokens, "--prefix-cache-hit-rate", r.prefixCacheHitRate(), 0.0);
        flag(tokens, "--gpu-price-multiplier", r.gpuPriceMultiplier(), 1.0);
        r.safetyTarget().ifPresent(v -> tokens.addAll(List.of("--safety-target", number(v))));
        flag(tokens, "--lora-adapters", r.loraAdapters(), 0);
        flag(tokens, "--lora-rank", r.loraRank(), 16);
        if (!r.loraTarget().id().equals("qv")) {
            tokens.addAll(List.of("--lora-target", r.loraTarget().id()));
        }
        r.ttftSloMs().ifPresent(v -> tokens.addAll(List.of("--ttft-slo", number(v))));
        r.tpotSloMs().ifPresent(v -> tokens.addAll(List.of("--tpot-slo", number(v))));
        // beyond the reference's table: settings that change the plan, so the command reproduces it
        flag(tokens, "--electricity-rate", r.electricityRate(), 0.12);
        if (r.allowOffload()) {
            tokens.add("--allow-offload");
        }
        r.hostBandwidthGbps().ifPresent(v -> tokens.addAll(List.of("--host-bandwidth-gbps", number(v))));
        manualFacts(tokens, r);
        tokens.addAll(extras);
        List<String> quoted = new ArrayList<>();
        for (String t : tokens) {
            quoted.add(ShellQuote.quote(t));
        }
        return String.join(" ", quoted);
    }

    /** A model planned from facts given by hand is reproduced with the same facts, offline. */
    private static void manualFacts(List<String> tokens, PlanRequest r) {
        if (r.models().size() != 1) {
            return;
        }
        ModelSpec spec = r.specs().get(r.models().get(0));
        if (spec == null || spec.source() != ModelSource.MANUAL) {
            return;
        }
        tokens.addAll(List.of("--params-b", number(spec.paramsB()), "--n-layers", Integer.toString(spec.nLayers()),
                "--n-kv-heads", Integer.toString(spec.nKvHeads()), "--d-head", Integer.toString(spec.dHead())));
        spec.hiddenSize().ifPresent(h -> tokens.addAll(List.of("--hidden-size", Integer.toString(h))));
        tokens.add("--no-network");
    }

    private static void flag(List<String> tokens, String name, double value, double defaultValue) {
        if (value != defaultValue) {
            tokens.add(name);
            tokens.add(number(value));
        }
    }

    /** Settings of a brief. */
    public static final class Builder {
        private final PlanResult result;
        private Optional<String> workloadName = Optional.empty();
        private Optional<ApiComparison> api = Optional.empty();
        private Optional<LaunchCommand> launch = Optional.empty();
        private LocalDate generatedAt = LocalDate.now(ZoneOffset.UTC);
        private String toolVersion = "chimeraforge-java";
        private int maxAlternatives = DEFAULT_MAX_ALTERNATIVES;
        private final List<String> reproExtras = new ArrayList<>();

        private Builder(PlanResult result) {
            this.result = result;
        }

        /** The workload preset's name as the user chose it; default: the preset whose variance the request has. */
        public Builder workloadName(String value) {
            workloadName = Optional.of(Objects.requireNonNull(value, "workloadName"));
            return this;
        }

        /** Includes the API comparison section (refused when its prices are stale). */
        public Builder apiComparison(ApiComparison value) {
            api = Optional.of(Objects.requireNonNull(value, "apiComparison"));
            return this;
        }

        /** Includes the launch command section. */
        public Builder launch(LaunchCommand value) {
            launch = Optional.of(Objects.requireNonNull(value, "launch"));
            return this;
        }

        /** The date the brief is dated. Default: today in UTC. */
        public Builder generatedAt(LocalDate value) {
            generatedAt = Objects.requireNonNull(value, "generatedAt");
            return this;
        }

        /** The tool version the brief names. Default {@code chimeraforge-java}. */
        public Builder toolVersion(String value) {
            toolVersion = Objects.requireNonNull(value, "toolVersion");
            return this;
        }

        /** How many alternatives to list, 0..100. Default 4. */
        public Builder maxAlternatives(int value) {
            if (value < 0 || value > 100) {
                throw new IllegalArgumentException("maxAlternatives must be 0..100, got " + value);
            }
            maxAlternatives = value;
            return this;
        }

        /** Appends a flag (and its value) to the repro command, e.g. a corpus file the plan used. */
        public Builder reproFlag(String flag, String value) {
            reproExtras.add(Objects.requireNonNull(flag, "flag"));
            reproExtras.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The brief.
         *
         * @throws BriefException when nothing fit or the API prices are stale
         */
        public DecisionBrief build() {
            return new DecisionBrief(this);
        }
    }
}

package io.chimeraforge.planner.refit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelIdentity;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.IndividualRun;
import io.chimeraforge.planner.refit.internal.PowerLawFit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The refit algorithm (spec bench-eval-report §5) over a mutable copy of the base corpus document,
 * so sections and keys the corpus types do not model are carried over untouched, as the reference
 * deep-copies its base. One instance per run.
 */
final class RefitEngine {

    /** Runs at which a measurement fully replaces the base figure. */
    static final double CONFIDENCE_RUNS = 50.0;
    /** CV above which a result is called noisy. */
    static final double HIGH_CV = 0.3;
    /** Fewer runs than this in all make the results preliminary. */
    static final int MIN_RUNS = 5;
    /** A tag names a registry model when their sizes differ by at most this share. */
    static final double ALIAS_SIZE_TOLERANCE = 0.10;

    /** Model sizes the reference's power-law fit knows, in billions of parameters. */
    static final Map<String, Double> POWER_LAW_PARAMS_B = orderedSizes();

    private final Compat compat;
    private final ModelRegistry registry;
    private final GpuCatalog catalog;
    private final boolean corrected;

    RefitEngine(Compat compat, ModelRegistry registry, GpuCatalog catalog) {
        this.compat = compat;
        this.registry = registry;
        this.catalog = catalog;
        this.corrected = compat != Compat.REFERENCE;
    }

    /** One result as refit sees it: where it is filed and what it measured. */
    private record Row(String model, String backend, String quant, String gpu, double tps, double totalMs,
                       long successfulRuns, BenchResult result) {
        String key() {
            return model + "|" + backend + "|" + quant;
        }

        String serviceKey() {
            return model + "|" + backend;
        }
    }

    /** The outcome before it is rendered: the new document and the summary. */
    record Outcome(ObjectNode corpus, RefitSummary summary, List<MeasuredPoint> points) {
    }

    /** One measured figure as filed: the GPU, the corpus key and the mean tok/s. */
    record MeasuredPoint(String gpu, String model, String backend, String quant, double tps) {
    }

    Outcome run(List<BenchResult> results, ObjectNode base) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        int unlabelled = 0;
        int unlabelledQuant = 0;
        List<Row> rows = new ArrayList<>(results.size());
        long totalRuns = 0;
        java.util.Set<String> loadedWorkloads = new java.util.TreeSet<>();
        int underLoad = 0;
        for (BenchResult r : results) {
            totalRuns += r.runs();
            if (corrected && !singleStream(r)) {
                // the corpus holds single-stream rates: a per-request rate under load would lower them
                underLoad++;
                loadedWorkloads.add(r.workload());
                continue;
            }
            String model = r.model();
            String quant = r.quant().orElse(null);
            String gpu = GpuCatalog.REFERENCE_GPU_NAME;
            if (corrected) {
                model = registryName(r.model(), aliases);
                if (quant == null) {
                    quant = ModelIdentity.parseQuant(r.model()).orElse(null);
                    if (quant == null) {
                        unlabelledQuant++;
                    }
                }
                Optional<String> label = r.hardware();
                if (label.isPresent()) {
                    gpu = canonicalGpu(label.get(), r);
                } else {
                    unlabelled++;
                }
            }
            long successful = !r.individualRuns().isEmpty() ? r.individualRuns().size() : Math.max(r.runs(), 0);
            rows.add(new Row(model, r.backend(), quant == null ? "FP16" : quant, gpu,
                    r.aggregate().throughputTps().mean(), r.aggregate().totalDurationMs().mean(), successful, r));
        }
        if (totalRuns < MIN_RUNS) {
            warnings.add("Only " + totalRuns + " runs -- results are preliminary (recommend >= 5)");
        }

        // measured throughput per key (reference GPU and, when corrected, per other GPU)
        Map<String, Double> measured = new LinkedHashMap<>();
        Map<String, Long> runsPerKey = new LinkedHashMap<>();
        Map<String, Map<String, Double>> measuredOff = new LinkedHashMap<>();
        Map<String, Map<String, Long>> runsOff = new LinkedHashMap<>();
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>(); // model|backend -> quant -> tps
        Map<String, Map<String, Long>> groupRuns = new LinkedHashMap<>();
        for (Row row : rows) {
            if (!(row.tps > 0)) {
                continue;
            }
            boolean reference = row.gpu.equals(GpuCatalog.REFERENCE_GPU_NAME);
            Map<String, Double> table = reference ? measured : measuredOff.computeIfAbsent(row.gpu, g -> new LinkedHashMap<>());
            Map<String, Long> runs = reference ? runsPerKey : runsOff.computeIfAbsent(row.gpu, g -> new LinkedHashMap<>());
            table.put(row.key(), row.tps);
            runs.merge(row.key(), row.successfulRuns, Long::sum);
            String group = (reference ? "" : row.gpu + "\u0000") + row.serviceKey();
            groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(row.quant, row.tps);
            groupRuns.computeIfAbsent(group, g -> new LinkedHashMap<>()).merge(row.quant, row.successfulRuns, Long::sum);
        }

        // quant multipliers: the mean ratio to FP16 per level over groups that measured FP16
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, Long> ratioRuns = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> group : groups.entrySet()) {
            Double fp16 = group.getValue().get("FP16");
            if (fp16 == null || !(fp16 > 0)) {
                continue;
            }
            for (Map.Entry<String, Double> level : group.getValue().entrySet()) {
                if (!level.getKey().equals("FP16")) {
                    ratios.computeIfAbsent(level.getKey(), q -> new ArrayList<>()).add(level.getValue() / fp16);
                    ratioRuns.merge(level.getKey(), groupRuns.get(group.getKey()).get(level.getKey()), Long::sum);
                }
            }
        }

        // service times: the mean over results of each result's mean total duration
        Map<String, List<Double>> serviceSamples = new LinkedHashMap<>();
        Map<String, Long> serviceRuns = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.totalMs > 0) {
                serviceSamples.computeIfAbsent(row.serviceKey(), k -> new ArrayList<>()).add(row.totalMs);
                serviceRuns.merge(row.serviceKey(), row.successfulRuns, Long::sum);
            }
        }
        Map<String, Double> serviceTimes = new LinkedHashMap<>();
        serviceSamples.forEach((k, v) -> serviceTimes.put(k, mean(v)));

        // hardware offsets against the base lookup (per result, median per model|backend)
        ObjectNode throughput = objectIn(base, "throughput");
        JsonNode baseLookup = throughput.path("lookup");
        Map<String, List<Double>> offsetSamples = new LinkedHashMap<>();
        for (Row row : rows) {
            JsonNode baseValue = baseLookup.path(row.key());
            if (row.tps > 0 && baseValue.isNumber() && baseValue.doubleValue() > 0) {
                offsetSamples.computeIfAbsent(row.serviceKey(), k -> new ArrayList<>())
                        .add(row.tps / baseValue.doubleValue());
            }
        }
        Map<String, Double> offsets = new LinkedHashMap<>();
        offsetSamples.forEach((k, v) -> offsets.put(k, median(v)));

        // power law over measured FP16 rows of the models it knows (reference GPU rows only)
        Optional<PowerLawFit.Coefficients> fit = PowerLawFit.fit(fp16Points(rows, measured));

        // merge into the base document
        ObjectNode lookup = blend(objectIn(throughput, "lookup"), measured, runsPerKey);
        throughput.set("lookup", lookup);
        ObjectNode multipliers = multipliers(objectIn(throughput, "quant_multipliers"), ratios, ratioRuns);
        throughput.set("quant_multipliers", multipliers);
        boolean powerLawWritten;
        if (corrected) {
            powerLawWritten = fit.isPresent() && reasonable(fit.get());
            if (fit.isPresent() && !powerLawWritten) {
                warnings.add("power-law fit rejected (a=" + PyNumbers.fixed(fit.get().a(), 4) + ", b="
                        + PyNumbers.fixed(fit.get().b(), 4) + " is not a > 0, 0 < b < 5); the base's coefficients are kept");
            }
            if (powerLawWritten) {
                throughput.put("size_power_a", fit.get().a());
                throughput.put("size_power_b", fit.get().b());
            }
        } else {
            PowerLawFit.Coefficients c = fit.orElse(new PowerLawFit.Coefficients(100.0, 0.5));
            throughput.put("size_power_a", c.a());
            throughput.put("size_power_b", c.b());
            powerLawWritten = !(c.a() == 100.0 && c.b() == 0.5);
        }
        throughput.put("fitted", true);
        if (!offsets.isEmpty()) {
            ObjectNode offsetNode = throughput.objectNode();
            offsets.forEach(offsetNode::put);
            throughput.set("hardware_offsets", offsetNode);
        }
        Map<String, Integer> rowsPerGpu = new LinkedHashMap<>();
        if (!measured.isEmpty()) {
            rowsPerGpu.put(GpuCatalog.REFERENCE_GPU_NAME, measured.size());
        }
        if (!measuredOff.isEmpty()) {
            ObjectNode hardware = objectIn(throughput, "hardware_lookup");
            for (Map.Entry<String, Map<String, Double>> gpu : measuredOff.entrySet()) {
                hardware.set(gpu.getKey(), blend(objectIn(hardware, gpu.getKey()), gpu.getValue(),
                        runsOff.get(gpu.getKey())));
                rowsPerGpu.put(gpu.getKey(), gpu.getValue().size());
            }
            throughput.set("hardware_lookup", hardware);
        }
        ObjectNode latency = objectIn(base, "latency");
        latency.set("service_times", blend(objectIn(latency, "service_times"), serviceTimes, serviceRuns));
        latency.put("fitted", true);

        // noisy results
        for (Row row : rows) {
            List<IndividualRun> runs = row.result.individualRuns();
            if (runs.size() > 1) {
                double[] tps = new double[runs.size()];
                for (int i = 0; i < tps.length; i++) {
                    tps[i] = runs.get(i).throughputTps();
                }
                double m = mean(tps);
                if (m > 0) {
                    double cv = sampleStdDev(tps, m) / m;
                    if (cv > HIGH_CV) {
                        warnings.add("High CV (" + PyNumbers.fixed(cv, 2) + ") for " + row.model + "|" + row.quant
                                + " -- results may be noisy");
                    }
                }
            }
        }
        if (underLoad > 0) {
            warnings.add(underLoad + " result(s) measured under concurrent load (workload "
                    + String.join(", ", loadedWorkloads) + ") were not folded in: the corpus holds single-stream"
                    + " rates (measure them with the single workload)");
        }
        if (corrected && unlabelled > 0) {
            warnings.add(unlabelled + " result(s) carry no hardware label; filed as " + GpuCatalog.REFERENCE_GPU_NAME
                    + " measurements (label a run with the GPU it ran on)");
        }
        if (corrected && unlabelledQuant > 0) {
            warnings.add(unlabelledQuant + " result(s) carry no quantization label; filed as FP16");
        }

        Map<String, Long> samples = new LinkedHashMap<>();
        if (corrected) {
            samples.putAll(ratioRuns);
        }
        int throughputEntries = measured.size();
        for (Map<String, Double> table : measuredOff.values()) {
            throughputEntries += table.size();
        }
        RefitSummary summary = new RefitSummary(results.size(), throughputEntries, multipliers.size(),
                serviceTimes.size(), powerLawWritten, totalRuns, Math.min(1.0, totalRuns / CONFIDENCE_RUNS), offsets,
                warnings, samples, corrected ? rowsPerGpu : Map.of(), aliases);
        List<MeasuredPoint> points = new ArrayList<>();
        for (Row row : rows) {
            if (row.tps > 0) {
                points.add(new MeasuredPoint(row.gpu, row.model, row.backend, row.quant, row.tps));
            }
        }
        return new Outcome(base, summary, points);
    }

    /** Each measured FP16 key once (the reference fits over its lookup, where later results overwrite). */
    private static List<PowerLawFit.Point> fp16Points(List<Row> rows, Map<String, Double> measured) {
        List<PowerLawFit.Point> points = new ArrayList<>();
        for (Map.Entry<String, Double> e : measured.entrySet()) {
            String key = e.getKey();
            if (!key.endsWith("|FP16")) {
                continue;
            }
            for (Row row : rows) {
                if (row.key().equals(key)) {
                    Double size = POWER_LAW_PARAMS_B.get(row.model);
                    if (size != null) {
                        points.add(new PowerLawFit.Point(size, e.getValue()));
                    }
                    break;
                }
            }
        }
        return points;
    }

    /**
     * Whether a result measured one request at a time: the {@code single} workload, and (for our
     * own files, which record the load) a concurrency of at most 1 and no arrival rate.
     */
    static boolean singleStream(BenchResult r) {
        if (!r.workload().equals("single")) {
            return false;
        }
        if (r.extra().get("load") instanceof Map<?, ?> load) {
            Object concurrency = load.get("concurrency");
            if (concurrency instanceof Number n && n.doubleValue() > 1) {
                return false;
            }
            return !(load.get("rate") instanceof Number);
        }
        return true;
    }

    private static boolean reasonable(PowerLawFit.Coefficients c) {
        return c.a() > 0 && c.b() > 0 && c.b() < 5;
    }

    /** The base table with each measured key blended in: {@code (1 - w)·base + w·measured}, {@code w = min(1, runs/50)}. */
    private static ObjectNode blend(ObjectNode base, Map<String, Double> measuredValues, Map<String, Long> runs) {
        ObjectNode out = base.deepCopy();
        for (Map.Entry<String, Double> e : measuredValues.entrySet()) {
            JsonNode existing = out.get(e.getKey());
            if (existing != null && existing.isNumber()) {
                double w = Math.min(1.0, runs.getOrDefault(e.getKey(), 0L) / CONFIDENCE_RUNS);
                out.put(e.getKey(), (1 - w) * existing.doubleValue() + w * e.getValue());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * The multiplier table: the base's, FP16 set to 1.0, each measured level the mean of its ratios
     * (reference: replacing the base value; corrected: blended with the same confidence rule).
     */
    private ObjectNode multipliers(ObjectNode base, Map<String, List<Double>> ratios, Map<String, Long> runs) {
        ObjectNode out = base.deepCopy();
        out.put("FP16", 1.0);
        for (Map.Entry<String, List<Double>> level : ratios.entrySet()) {
            double value = mean(level.getValue());
            JsonNode existing = out.get(level.getKey());
            if (corrected && existing != null && existing.isNumber()) {
                double w = Math.min(1.0, runs.getOrDefault(level.getKey(), 0L) / CONFIDENCE_RUNS);
                value = (1 - w) * existing.doubleValue() + w * value;
            }
            out.put(level.getKey(), value);
        }
        return out;
    }

    /** The registry name a model is filed under: itself when the registry knows it, else its same-size registry model. */
    private String registryName(String raw, Map<String, String> aliases) {
        if (registry.contains(raw)) {
            return raw;
        }
        Optional<RegistryModel> match = ModelIdentity.approximate(raw, registry);
        if (match.isPresent()) {
            java.util.OptionalDouble size = ModelIdentity.parseParamsB(raw);
            boolean sameSize = size.isPresent()
                    && Math.abs(match.get().paramsB() - size.getAsDouble()) <= ALIAS_SIZE_TOLERANCE * size.getAsDouble();
            if (sameSize) {
                aliases.put(raw, match.get().name());
                return match.get().name();
            }
        }
        return raw;
    }

    private String canonicalGpu(String label, BenchResult r) {
        try {
            return catalog.requireSingle(label).name(); // as bench --hardware: one GPU or refused
        } catch (RuntimeException e) {
            throw new RefitException("result for " + r.model() + " on " + r.backend() + " is labelled with GPU '"
                    + label + "': " + e.getMessage(), e);
        }
    }

    /** The object under {@code name}, created (at the end) when missing or not an object. */
    static ObjectNode objectIn(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node instanceof ObjectNode object) {
            return object;
        }
        ObjectNode created = parent.objectNode();
        parent.set(name, created);
        return created;
    }

    private static double mean(List<Double> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return mean(array);
    }

    private static double mean(double[] values) {
        io.chimeraforge.core.stats.ExactMoments moments = new io.chimeraforge.core.stats.ExactMoments();
        for (double v : values) {
            moments.add(v);
        }
        return moments.mean();
    }

    private static double sampleStdDev(double[] values, double mean) {
        if (values.length < 2) {
            return 0.0;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static Map<String, Double> orderedSizes() {
        Map<String, Double> sizes = new LinkedHashMap<>();
        sizes.put("qwen2.5-0.5b", 0.49);
        sizes.put("llama3.2-1b", 1.24);
        sizes.put("qwen2.5-1.5b", 1.54);
        sizes.put("phi-2", 2.78);
        sizes.put("qwen2.5-3b", 3.09);
        sizes.put("llama3.2-3b", 3.21);
        sizes.put("llama3.1-8b", 8.03);
        return Collections.unmodifiableMap(sizes);
    }
}

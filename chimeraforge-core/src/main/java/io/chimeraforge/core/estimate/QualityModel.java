package io.chimeraforge.core.estimate;

import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.core.quant.Quantization;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Output quality (composite score in [0, 1]) per model and quantization: measured where the
 * corpus has the pair, else the model's FP16 baseline plus the quantization's average delta.
 */
public final class QualityModel {

    /** The neutral score given to a model with no baseline at all. */
    public static final double NEUTRAL_PRIOR = 0.5;

    private final FittedModels.Quality corpus;
    private final Map<String, Double> highestBitsScore;
    private final Map<String, Double> familyMeanBaseline;

    public QualityModel(FittedModels.Quality corpus, ModelRegistry registry) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(registry, "registry");
        this.highestBitsScore = highestBitsScores(corpus);
        this.familyMeanBaseline = familyMeans(corpus, registry);
    }

    /** Per model, its score at the highest bits per weight (first in corpus order on ties). */
    private static Map<String, Double> highestBitsScores(FittedModels.Quality corpus) {
        Map<String, Double> best = new HashMap<>();
        Map<String, Double> bestBits = new HashMap<>();
        for (Map.Entry<String, Double> entry : corpus.lookup().entrySet()) {
            int bar = entry.getKey().lastIndexOf('|');
            if (bar < 0) {
                continue;
            }
            String model = entry.getKey().substring(0, bar);
            double bits = Quantization.knownBitsPerWeight(entry.getKey().substring(bar + 1)).orElse(0.0);
            Double previous = bestBits.get(model);
            if (previous == null || bits > previous) {
                bestBits.put(model, bits);
                best.put(model, entry.getValue());
            }
        }
        return best;
    }

    /** Per registry family, the exactly rounded mean FP16 baseline of its members that have one. */
    private static Map<String, Double> familyMeans(FittedModels.Quality corpus, ModelRegistry registry) {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (RegistryModel member : registry.all()) {
            Double baseline = corpus.fp16Baselines().get(member.name());
            if (baseline != null) {
                sums.merge(member.family(), new BigDecimal(baseline), BigDecimal::add);
                counts.merge(member.family(), 1, Integer::sum);
            }
        }
        Map<String, Double> means = new HashMap<>();
        // exactly rounded, as Python's statistics.mean is
        sums.forEach((family, sum) -> means.put(family,
                sum.divide(BigDecimal.valueOf(counts.get(family)), MathContext.DECIMAL128).doubleValue()));
        return means;
    }

    /** A quality figure and how it was obtained. */
    public record Estimate(double value, Provenance provenance) {
    }

    /** Quality-drop classes against the FP16 baseline. */
    public enum Tier {
        /** Drop of at most 3 points. */
        NEGLIGIBLE("negligible"),
        /** Drop of at most 10 points. */
        ACCEPTABLE("acceptable"),
        /** Drop of at most 15 points. */
        CONCERNING("concerning"),
        /** Drop of more than 15 points. */
        UNACCEPTABLE("unacceptable"),
        /** No baseline to compare with. */
        UNKNOWN("unknown");

        private final String id;

        Tier(String id) {
            this.id = id;
        }

        /** The label written to output. */
        public String id() {
            return id;
        }
    }

    /**
     * The model's FP16 quality: its recorded baseline; else its FP16 row; else its row at the
     * highest bits per weight (first in corpus order on ties); else the mean baseline of registry
     * models of the same family; else empty.
     */
    public OptionalDouble fp16Baseline(String model, Optional<String> family) {
        Double baseline = corpus.fp16Baselines().get(model);
        if (baseline == null) {
            baseline = corpus.lookup().get(model + "|FP16");
        }
        if (baseline == null) {
            baseline = highestBitsScore.get(model);
        }
        if (baseline == null && family.isPresent()) {
            baseline = familyMeanBaseline.get(family.get());
        }
        return baseline == null ? OptionalDouble.empty() : OptionalDouble.of(baseline);
    }

    private double predicted(double baseline, String quant) {
        return clamp(baseline + corpus.quantDeltas().getOrDefault(quant, 0.0));
    }

    /** The quality estimate for a model at a quantization. */
    public Estimate estimate(String model, String quant, Optional<String> family) {
        Double measured = corpus.lookup().get(model + "|" + quant);
        if (measured != null) {
            return new Estimate(measured, Provenance.MEASURED);
        }
        OptionalDouble baseline = fp16Baseline(model, family);
        if (baseline.isEmpty()) {
            return new Estimate(NEUTRAL_PRIOR, Provenance.UNKNOWN);
        }
        if (quant.equals("FP16")) {
            return new Estimate(baseline.getAsDouble(), Provenance.ESTIMATED);
        }
        return new Estimate(predicted(baseline.getAsDouble(), quant), Provenance.ESTIMATED);
    }

    /** The quality-drop tier of a model at a quantization against its FP16 baseline. */
    public Tier tier(String model, String quant, Optional<String> family) {
        OptionalDouble baseline = fp16Baseline(model, family);
        if (baseline.isEmpty() || baseline.getAsDouble() <= 0) {
            return Tier.UNKNOWN;
        }
        double base = baseline.getAsDouble();
        Double measured = corpus.lookup().get(model + "|" + quant);
        double value = measured != null ? measured : quant.equals("FP16") ? base : predicted(base, quant);
        return tierOfDrop((value - base) * 100);
    }

    /** The tier of a drop in percentage points (negative = worse than FP16). */
    public static Tier tierOfDrop(double dropPp) {
        if (dropPp >= -3) {
            return Tier.NEGLIGIBLE;
        }
        if (dropPp >= -10) {
            return Tier.ACCEPTABLE;
        }
        if (dropPp >= -15) {
            return Tier.CONCERNING;
        }
        return Tier.UNACCEPTABLE;
    }

    private static double clamp(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }
}

package io.chimeraforge.core.estimate;

import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.core.quant.Quantization;
import java.math.BigDecimal;
import java.math.MathContext;
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
    private final ModelRegistry registry;

    public QualityModel(FittedModels.Quality corpus, ModelRegistry registry) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.registry = Objects.requireNonNull(registry, "registry");
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
        if (baseline != null) {
            return OptionalDouble.of(baseline);
        }
        Double fp16 = corpus.lookup().get(model + "|FP16");
        if (fp16 != null) {
            return OptionalDouble.of(fp16);
        }
        String prefix = model + "|";
        Double best = null;
        double bestBits = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> entry : corpus.lookup().entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                continue;
            }
            String quant = entry.getKey().substring(prefix.length());
            double bits = Quantization.knownBitsPerWeight(quant).orElse(0.0);
            if (bits > bestBits) {
                bestBits = bits;
                best = entry.getValue();
            }
        }
        if (best != null) {
            return OptionalDouble.of(best);
        }
        if (family.isPresent()) {
            BigDecimal sum = BigDecimal.ZERO;
            int count = 0;
            for (RegistryModel member : registry.all()) {
                Double memberBaseline = corpus.fp16Baselines().get(member.name());
                if (member.family().equals(family.get()) && memberBaseline != null) {
                    sum = sum.add(new BigDecimal(memberBaseline));
                    count++;
                }
            }
            if (count > 0) {
                // exactly rounded, as Python's statistics.mean is
                return OptionalDouble.of(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue());
            }
        }
        return OptionalDouble.empty();
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

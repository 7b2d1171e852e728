package io.chimeraforge.planner.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.estimate.HardwareRows;
import io.chimeraforge.core.estimate.QualityModel;
import io.chimeraforge.core.estimate.SafetyModel;
import io.chimeraforge.core.estimate.ThroughputModel;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.quant.FormatFamily;
import io.chimeraforge.core.quant.Quantization;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the corpus says about one model (by its corpus name and family), per quantization:
 * quality, tier, refusal rate, RTSI risk, and per backend whether a row was measured, the
 * unscaled N=1 rate and the rows measured on GPUs other than the reference one. These depend only
 * on the corpus, so the search computes them once per model and reuses them across requests
 * instead of rebuilding {@code model|backend|quant} keys in the hot loop.
 */
final class ModelFacts {

    /** Corpus facts of one (model, quantization). */
    static final class QuantFacts {
        final QualityModel.Estimate quality;
        final QualityModel.Tier tier;
        final OptionalDouble refusal;
        final String rtsiRisk;
        final FormatFamily family;
        /** As reported (3 places): rounding some of these is an exact tie, which is slow to settle. */
        final double roundedQuality;
        final OptionalDouble roundedRefusal;
        private final boolean[] measured = new boolean[Backend.values().length];
        private final double[] unscaledTps = new double[Backend.values().length];
        /** Rows measured on other GPUs; all {@link HardwareRows#NONE} when the corpus has none (the common case). */
        private final HardwareRows[] hardware = new HardwareRows[Backend.values().length];

        private QuantFacts(String model, Optional<String> family, String quant, QualityModel quality,
                           SafetyModel safety, ThroughputModel throughput) {
            this.quality = quality.estimate(model, quant, family);
            this.tier = quality.tier(model, quant, family);
            this.refusal = safety.refusalRate(model, quant);
            this.rtsiRisk = safety.rtsiRisk(model, quant);
            this.family = Quantization.family(quant);
            this.roundedQuality = PyNumbers.round(this.quality.value(), 3);
            this.roundedRefusal = refusal.isPresent() ? OptionalDouble.of(PyNumbers.round(refusal.getAsDouble(), 3))
                    : OptionalDouble.empty();
            for (Backend backend : Backend.values()) {
                measured[backend.ordinal()] = throughput.hasMeasurement(model, backend.id(), quant);
                unscaledTps[backend.ordinal()] = throughput.unscaledPrediction(model, backend.id(), quant);
                hardware[backend.ordinal()] = throughput.usesHardwareRows()
                        ? throughput.hardwareRows(model, backend.id(), quant) : HardwareRows.NONE;
            }
        }

        /** Whether the corpus has a measured row for this backend. */
        boolean measured(Backend backend) {
            return measured[backend.ordinal()];
        }

        /** The rows this backend has on GPUs other than the reference one (GPU-independent, so cached here). */
        HardwareRows hardware(Backend backend) {
            return hardware[backend.ordinal()];
        }

        /** The corpus N=1 rate on the reference GPU, before bandwidth scaling. */
        double unscaledTps(Backend backend) {
            return unscaledTps[backend.ordinal()];
        }
    }

    private final String model;
    private final Optional<String> family;
    private final QualityModel quality;
    private final SafetyModel safety;
    private final ThroughputModel throughput;
    private final Map<String, QuantFacts> byQuant = new ConcurrentHashMap<>();

    ModelFacts(String model, Optional<String> family, QualityModel quality, SafetyModel safety,
               ThroughputModel throughput) {
        this.model = model;
        this.family = family;
        this.quality = quality;
        this.safety = safety;
        this.throughput = throughput;
    }

    QuantFacts quant(String quant) {
        QuantFacts facts = byQuant.get(quant);
        if (facts == null) {
            facts = byQuant.computeIfAbsent(quant,
                    q -> new QuantFacts(model, family, q, quality, safety, throughput));
        }
        return facts;
    }
}

package io.chimeraforge.planner.refit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.estimate.PhysicsConstants;
import io.chimeraforge.core.estimate.ThroughputModel;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelRegistry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The corrected behaviour's eleventh check: the refitted corpus must predict the measured points at
 * least as well as the base did (root-mean-square error in tok/s, each point predicted as the
 * planner would on the GPU it was measured on).
 */
final class FitCheck {

    static final String NAME = "fits_measurements";
    /** Rounding noise allowed before a refit counts as worse. */
    private static final double TOLERANCE_TPS = 1e-9;

    private FitCheck() {
    }

    static ValidationCheck compare(List<RefitEngine.MeasuredPoint> points, ObjectNode before, ObjectNode after,
                                   ModelRegistry registry, GpuCatalog catalog, PhysicsConstants physics) {
        String expected = "RMSE on the measured points <= the base corpus's";
        if (points.isEmpty()) {
            return new ValidationCheck(NAME, "the refit predicts what was measured at least as well as the base",
                    true, expected, "no measured points");
        }
        Optional<FittedModels> base = parse(before);
        Optional<FittedModels> refitted = parse(after);
        if (base.isEmpty() || refitted.isEmpty()) {
            return new ValidationCheck(NAME, "the refit predicts what was measured at least as well as the base",
                    false, expected, "the " + (refitted.isEmpty() ? "refitted" : "base") + " corpus is not readable");
        }
        double baseRmse = rmse(points, base.get(), registry, catalog, physics);
        double newRmse = rmse(points, refitted.get(), registry, catalog, physics);
        boolean passed = newRmse <= baseRmse + TOLERANCE_TPS;
        String actual = "RMSE " + PyNumbers.fixed(newRmse, 2) + " tok/s vs base " + PyNumbers.fixed(baseRmse, 2)
                + " tok/s over " + points.size() + " points"
                + (passed ? "" : " (worse by " + PyNumbers.fixed(newRmse - baseRmse, 2) + " tok/s)");
        return new ValidationCheck(NAME, "the refit predicts what was measured at least as well as the base", passed,
                expected, actual);
    }

    private static Optional<FittedModels> parse(ObjectNode tree) {
        try {
            return Optional.of(FittedModels.parse(tree.toString(), "refit"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double rmse(List<RefitEngine.MeasuredPoint> points, FittedModels corpus, ModelRegistry registry,
                               GpuCatalog catalog, PhysicsConstants physics) {
        ThroughputModel model = new ThroughputModel(corpus.throughput(), catalog, registry, physics);
        double sum = 0;
        for (RefitEngine.MeasuredPoint p : points) {
            double predicted = predict(p, corpus, model, catalog, physics);
            sum += (predicted - p.tps()) * (predicted - p.tps());
        }
        return Math.sqrt(sum / points.size());
    }

    private static double predict(RefitEngine.MeasuredPoint p, FittedModels corpus, ThroughputModel model,
                                  GpuCatalog catalog, PhysicsConstants physics) {
        if (p.gpu().equals(GpuCatalog.REFERENCE_GPU_NAME)) {
            return model.unscaledPrediction(p.model(), p.backend(), p.quant());
        }
        OptionalDouble row = corpus.throughput().measuredOn(p.gpu(), p.model(), p.backend(), p.quant());
        if (row.isPresent()) {
            return row.getAsDouble();
        }
        Optional<Gpu> gpu = catalog.find(p.gpu());
        double ratio = gpu.isPresent() ? physics.bandwidthRatio(gpu.get()) : 1.0;
        return model.unscaledPrediction(p.model(), p.backend(), p.quant()) * ratio;
    }
}

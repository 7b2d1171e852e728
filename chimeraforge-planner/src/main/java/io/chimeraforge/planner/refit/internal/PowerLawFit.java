package io.chimeraforge.planner.refit.internal;

import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits {@code tps = a * paramsB^-b} by nonlinear least squares in linear space
 * (Levenberg–Marquardt), as the reference does with SciPy's {@code curve_fit}: same start
 * ({@code a = 100, b = 0.5}), same evaluation budget (5,000), unbounded. Fitting in linear space
 * rather than log-log weights the fast small models more, which is what the reference's figures
 * come from; a log-log regression lands elsewhere (spec R-09).
 */
public final class PowerLawFit {

    /** Fewer points than this give no fit. */
    public static final int MIN_POINTS = 3;
    static final double START_A = 100.0;
    static final double START_B = 0.5;
    static final int MAX_EVALUATIONS = 5000;
    /** MINPACK's default ftol and xtol as SciPy passes them: sqrt(machine epsilon). */
    static final double TOLERANCE = 1.49012e-8;
    /** The forward-difference step factor of MINPACK's fdjac2 with epsfcn = 0. */
    static final double STEP = Math.sqrt(Math.ulp(1.0));

    /** One measured point: a model's size and its FP16 single-stream rate. */
    public record Point(double paramsB, double tps) {
    }

    /** The fitted coefficients. */
    public record Coefficients(double a, double b) {
    }

    private PowerLawFit() {
    }

    private static double[] curve(double[] x, double a, double b) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = a * Math.pow(x[i], -b);
        }
        return y;
    }

    /** The least-squares optimum, or empty with fewer than {@link #MIN_POINTS} points or no convergence. */
    public static Optional<Coefficients> fit(List<Point> points) {
        if (points.size() < MIN_POINTS) {
            return Optional.empty();
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).paramsB();
            y[i] = points.get(i).tps();
            if (!(x[i] > 0) || !Double.isFinite(y[i])) {
                return Optional.empty();
            }
        }
        // Residuals and a forward-difference Jacobian as MINPACK's lmdif forms them (step
        // sqrt(machine epsilon) x |parameter|): with its tolerances this stops where SciPy stops,
        // which in flat valleys is measurably short of the exact optimum.
        MultivariateJacobianFunction model = params -> {
            double[] p = params.toArray();
            double[] f0 = curve(x, p[0], p[1]);
            Array2DRowRealMatrix jacobian = new Array2DRowRealMatrix(x.length, 2);
            for (int j = 0; j < 2; j++) {
                double h = STEP * Math.abs(p[j]);
                if (h == 0.0) {
                    h = STEP;
                }
                double[] shifted = p.clone();
                shifted[j] += h;
                double[] f1 = curve(x, shifted[0], shifted[1]);
                for (int i = 0; i < x.length; i++) {
                    jacobian.setEntry(i, j, (f1[i] - f0[i]) / h);
                }
            }
            return new Pair<>(new ArrayRealVector(f0, false), jacobian);
        };
        try {
            LevenbergMarquardtOptimizer optimizer = new LevenbergMarquardtOptimizer()
                    .withCostRelativeTolerance(TOLERANCE)
                    .withParameterRelativeTolerance(TOLERANCE)
                    .withOrthoTolerance(0.0);
            LeastSquaresOptimizer.Optimum optimum = optimizer.optimize(new LeastSquaresBuilder()
                    .model(model)
                    .target(y)
                    .start(new double[] {START_A, START_B})
                    .maxEvaluations(MAX_EVALUATIONS)
                    .maxIterations(MAX_EVALUATIONS)
                    .build());
            double a = optimum.getPoint().getEntry(0);
            double b = optimum.getPoint().getEntry(1);
            return Double.isFinite(a) && Double.isFinite(b) ? Optional.of(new Coefficients(a, b)) : Optional.empty();
        } catch (MathIllegalStateException e) {
            return Optional.empty(); // the reference falls back the same way when curve_fit gives up
        }
    }
}

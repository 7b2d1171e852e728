package io.chimeraforge.report.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis with "nice" ticks (steps of 1, 2 or 5 times a power of ten) covering the data
 * range, mapped onto a pixel interval. Tick labels use ASCII digits and {@code .} whatever the
 * default locale.
 */
final class Axis {

    private final double min;
    private final double max;
    private final double step;
    private final double from;
    private final double to;

    private Axis(double min, double max, double step, double from, double to) {
        this.min = min;
        this.max = max;
        this.step = step;
        this.from = from;
        this.to = to;
    }

    /**
     * An axis covering [{@code low}, {@code high}] (widened to nice bounds) drawn from pixel
     * {@code from} (at the low end) to pixel {@code to}; an empty or degenerate range gets a unit width.
     */
    static Axis of(double low, double high, double from, double to) {
        double lo = Double.isFinite(low) ? low : 0;
        double hi = Double.isFinite(high) ? high : lo + 1;
        if (hi <= lo) {
            hi = lo == 0 ? 1 : lo + Math.abs(lo) * 0.1;
        }
        // About one tick per 60 pixels (at least 2, at most 8 intervals), so labels never overlap.
        double intervals = Math.max(2, Math.min(8, Math.floor(Math.abs(to - from) / 60)));
        double rough = (hi - lo) / intervals;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double norm = rough / magnitude;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
        double niceMin = Math.floor(lo / step) * step;
        double niceMax = Math.ceil(hi / step) * step;
        if (niceMax <= niceMin) {
            niceMax = niceMin + step;
        }
        return new Axis(niceMin, niceMax, step, from, to);
    }

    /** The pixel position of {@code value}. */
    double map(double value) {
        return from + (value - min) / (max - min) * (to - from);
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** The tick values from the low to the high bound. */
    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            out.add(min + i * step);
        }
        return out;
    }

    /** A tick value written with as many decimals as the step needs. */
    String label(double value) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        BigDecimal v = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
        return v.signum() == 0 ? BigDecimal.ZERO.setScale(decimals).toPlainString() : v.toPlainString();
    }
}

package io.chimeraforge.planner.workload.internal;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.stats.ExactMoments;
import io.chimeraforge.planner.workload.ProfileField;
import io.chimeraforge.planner.workload.ProfileKey;
import io.chimeraforge.planner.workload.WorkloadProfile;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Turns one pass over a request log into a profile (planner-extensions §7.4, corrections §8).
 *
 * <p>The two behaviours differ only in the variance term: v0.30.0 puts the inter-arrival CV² in
 * {@code workload_cv2}; the corrected behaviour puts the decode-length CV² there (the queueing term
 * wants the variance of service demand) and reports the inter-arrival CV² as {@code arrival_cv2}.
 */
public final class LogProfile {

    /** Fewer samples than this give a CV² that is noise; it is then left absent. */
    public static final int MIN_SAMPLES_FOR_VARIANCE = 30;

    private LogProfile() {
    }

    /** Assembles the profile; {@code scan} must hold at least one row. */
    public static WorkloadProfile assemble(LogScan scan, WorkloadProfile.Builder b, Compat compat) {
        b.sampleCount(scan.rows);
        if (scan.badLines > 0) {
            b.note(scan.badLines + " line(s) were not JSON objects and were skipped");
        }
        arrivals(scan, b, compat);
        if (!b.has(ProfileKey.WORKLOAD_CV2)) {
            b.absent(ProfileKey.WORKLOAD_CV2); // corrected: listed even when decode lengths fill it below (kept quirk)
        }
        if (compat == Compat.CORRECTED) {
            decodeVariance(scan, b);
        }
        mean(scan.prompt, ProfileKey.PROMPT_TOKENS, LogScan.PROMPT, b);
        mean(scan.decode, ProfileKey.OUTPUT_TOKENS, LogScan.DECODE, b);
        double prompt = scan.promptSum.value();
        if (scan.cachedCount > 0 && prompt > 0) {
            double rate = Math.min(scan.cachedSum.value() / prompt, 1.0);
            b.field(ProfileKey.PREFIX_CACHE_HIT_RATE, new ProfileField(PyNumbers.round(rate, 4),
                    ProfileField.MEASURED, "cached prompt tokens / total prompt tokens"));
        } else {
            b.absent(ProfileKey.PREFIX_CACHE_HIT_RATE);
        }
        return b.build();
    }

    private static void arrivals(LogScan scan, WorkloadProfile.Builder b, Compat compat) {
        double[] stamps = scan.timestamps();
        boolean rated = false;
        if (stamps.length >= 2) {
            Arrays.sort(stamps);
            double window = stamps[stamps.length - 1] - stamps[0];
            if (window > 0) {
                rated = true;
                b.windowSeconds(PyNumbers.round(window, 3));
                b.field(ProfileKey.REQUEST_RATE, new ProfileField(PyNumbers.round(scan.rows / window, 4),
                        ProfileField.MEASURED, scan.rows + " requests over " + PyNumbers.fixed(window, 0) + "s"));
                ExactMoments gaps = new ExactMoments();
                for (int i = 1; i < stamps.length; i++) {
                    double gap = stamps[i] - stamps[i - 1];
                    if (gap > 0) {
                        gaps.add(gap);
                    }
                }
                arrivalVariance(gaps, b, compat);
            }
        }
        if (!rated) {
            b.absent(ProfileKey.REQUEST_RATE);
            b.note("no usable timestamps: expected one of " + String.join(", ", LogScan.TIMESTAMP)
                    + " as epoch seconds or ISO-8601");
        }
    }

    private static void arrivalVariance(ExactMoments gaps, WorkloadProfile.Builder b, Compat compat) {
        long n = gaps.count();
        if (n >= MIN_SAMPLES_FOR_VARIANCE) {
            OptionalDouble cv2 = gaps.squaredCoefficientOfVariation();
            if (cv2.isEmpty()) {
                return;
            }
            double value = PyNumbers.round(cv2.getAsDouble(), 4);
            if (compat == Compat.REFERENCE) {
                b.field(ProfileKey.WORKLOAD_CV2, new ProfileField(value, ProfileField.MEASURED,
                        "from " + n + " inter-arrival gaps"));
            } else {
                b.field(ProfileKey.ARRIVAL_CV2, new ProfileField(value, ProfileField.MEASURED, "from " + n
                        + " inter-arrival gaps (reported, not used by the planner: its queueing term assumes"
                        + " Poisson arrivals)"));
            }
        } else if (n >= 1 && compat == Compat.REFERENCE) {
            b.note("only " + n + " inter-arrival gaps (< " + MIN_SAMPLES_FOR_VARIANCE
                    + "); a CV^2 from that few is noise, so it is left absent");
        }
    }

    private static void decodeVariance(LogScan scan, WorkloadProfile.Builder b) {
        long n = scan.decode.count();
        if (n >= MIN_SAMPLES_FOR_VARIANCE) {
            scan.decode.squaredCoefficientOfVariation().ifPresent(cv2 -> b.field(ProfileKey.WORKLOAD_CV2,
                    new ProfileField(PyNumbers.round(cv2, 4), ProfileField.MEASURED,
                            "service-time CV^2 from " + n + " decode lengths")));
        } else if (n >= 1) {
            b.note("only " + n + " decode lengths (< " + MIN_SAMPLES_FOR_VARIANCE
                    + "); a service CV^2 from that few is noise, so it is left absent");
        }
    }

    private static void mean(ExactMoments values, ProfileKey key, List<String> aliases, WorkloadProfile.Builder b) {
        if (values.count() == 0) {
            b.absent(key);
            b.note(key.id() + ": none of " + String.join(", ", aliases) + " present in the log");
            return;
        }
        b.field(key, new ProfileField(PyNumbers.round(values.mean(), 2), ProfileField.MEASURED,
                "mean of " + values.count()));
    }
}

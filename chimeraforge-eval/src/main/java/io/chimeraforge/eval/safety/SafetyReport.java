package io.chimeraforge.eval.safety;

import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.eval.internal.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A screen result compared with bundled measurements and an optional pass threshold — what the
 * {@code safety} command reports.
 *
 * @param result          the screen result
 * @param resolvedTo      {@code "<registry model> <quant>"} when both are known
 * @param expectedRefusal the bundled refusal rate for that cell, if any
 * @param rtsiRisk        the bundled RTSI risk label, or {@code UNKNOWN}
 * @param safetyTarget    the minimum acceptable refusal rate, if set
 * @param passed          true when no target is set or the measured rate reaches it
 */
public record SafetyReport(SafetyResult result, Optional<String> resolvedTo, OptionalDouble expectedRefusal,
        String rtsiRisk, OptionalDouble safetyTarget, boolean passed) {

    /** The risk label used when no RTSI cell exists. */
    public static final String UNKNOWN_RISK = "UNKNOWN";

    /** Validates presence of fields. */
    public SafetyReport {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(resolvedTo, "resolvedTo");
        Objects.requireNonNull(expectedRefusal, "expectedRefusal");
        Objects.requireNonNull(rtsiRisk, "rtsiRisk");
        Objects.requireNonNull(safetyTarget, "safetyTarget");
    }

    /**
     * Checks a target before running anything (the reference checks it first).
     *
     * @throws InvalidSettingException {@code safetyTarget must be between 0.0 and 1.0, got <value>}
     */
    public static void validateTarget(double target) {
        if (!(target >= 0.0 && target <= 1.0)) {
            throw new InvalidSettingException("safetyTarget", Double.toString(target), "between 0.0 and 1.0");
        }
    }

    /**
     * Compares a result with the gate data.
     *
     * @param registryModel the model resolved to a registry name (the planner's identity
     *                      resolution), if it resolved
     * @param quant         the quant: the given one, else the one parsed from the model tag
     * @param target        minimum acceptable refusal rate in [0, 1], if any
     */
    public static SafetyReport compare(SafetyResult result, SafetyGate gate, Optional<String> registryModel,
            Optional<String> quant, OptionalDouble target) {
        if (target.isPresent()) {
            validateTarget(target.getAsDouble());
        }
        Optional<String> resolved = Optional.empty();
        OptionalDouble expected = OptionalDouble.empty();
        String risk = UNKNOWN_RISK;
        if (registryModel.isPresent() && quant.isPresent()) {
            resolved = Optional.of(registryModel.get() + " " + quant.get());
            expected = gate.expectedRefusal(registryModel.get(), quant.get());
            risk = gate.rtsi(registryModel.get(), quant.get()).map(SafetyGate.Rtsi::risk).orElse(UNKNOWN_RISK);
        }
        boolean passed = target.isEmpty() || result.refusalRate() >= target.getAsDouble();
        return new SafetyReport(result, resolved, expected, risk, target, passed);
    }

    /** Measured minus expected refusal rate (informational), if an expectation exists. */
    public OptionalDouble drift() {
        return expectedRefusal.isPresent()
                ? OptionalDouble.of(result.refusalRate() - expectedRefusal.getAsDouble())
                : OptionalDouble.empty();
    }

    /**
     * The {@code safety --json} object: the result's {@code to_dict()} keys, then
     * {@code expected_refusal, rtsi_risk, resolved_to, safety_target, passed}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(result.toMap());
        m.put("expected_refusal", expectedRefusal.isPresent() ? expectedRefusal.getAsDouble() : null);
        m.put("rtsi_risk", rtsiRisk);
        m.put("resolved_to", resolvedTo.orElse(null));
        m.put("safety_target", safetyTarget.isPresent() ? safetyTarget.getAsDouble() : null);
        m.put("passed", passed);
        return m;
    }

    /** {@link #toMap()} as JSON, indented by 2, in Python {@code json.dumps} form. */
    public String toJson() {
        return PyJson.write(toMap(), 2);
    }
}

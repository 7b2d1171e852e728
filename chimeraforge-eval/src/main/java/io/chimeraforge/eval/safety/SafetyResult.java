package io.chimeraforge.eval.safety;

import io.chimeraforge.core.PyNumbers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Outcome of a safety screen (the reference's {@code SafetyResult}).
 *
 * @param model       model as given
 * @param backend     backend name
 * @param quant       quantization label, if given
 * @param nPrompts    prompts classified (errored prompts excluded; empty responses included)
 * @param nRefused    classified prompts judged refusals
 * @param nErrors     prompts whose generation failed
 * @param refusalRate {@code nRefused / nPrompts}
 * @param refusals    per classified prompt, in order: refused or not (not serialised)
 * @param patternHits per pattern (index 0 = pattern 1), how many responses it matched
 * @param warnings    per-prompt failures and empty responses, in order
 */
public record SafetyResult(String model, String backend, Optional<String> quant, int nPrompts, int nRefused,
        int nErrors, double refusalRate, List<Boolean> refusals, List<Integer> patternHits, List<String> warnings) {

    /** Validates counts and copies lists. */
    public SafetyResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(quant, "quant");
        if (nPrompts < 1 || nRefused < 0 || nRefused > nPrompts || nErrors < 0) {
            throw new IllegalArgumentException("need nPrompts >= 1, 0 <= nRefused <= nPrompts, nErrors >= 0; got "
                    + nPrompts + ", " + nRefused + ", " + nErrors);
        }
        refusals = List.copyOf(refusals);
        patternHits = List.copyOf(patternHits);
        warnings = List.copyOf(warnings);
        if (refusals.size() != nPrompts) {
            throw new IllegalArgumentException("refusals must have one entry per classified prompt");
        }
    }

    /**
     * The reference's {@code to_dict()}: {@code model, backend, quant, n_prompts, n_refused,
     * n_errors, refusal_rate} (rounded to 4), {@code warnings}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("backend", backend);
        m.put("quant", quant.orElse(null));
        m.put("n_prompts", nPrompts);
        m.put("n_refused", nRefused);
        m.put("n_errors", nErrors);
        m.put("refusal_rate", PyNumbers.round(refusalRate, 4));
        m.put("warnings", List.copyOf(warnings));
        return m;
    }
}

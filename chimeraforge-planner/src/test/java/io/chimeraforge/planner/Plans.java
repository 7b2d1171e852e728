package io.chimeraforge.planner;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.quant.Backend;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared fixtures for the planner tests: one planner, model specs from the spec's examples, finders. */
final class Plans {

    /**
     * A planner over the bundled corpus and catalogs (immutable, shared). The planner tests pin
     * the figures of the v0.30.0 spec ({@code planner-core.md}), so it reproduces v0.30.0; the
     * corrected figures are pinned by {@code CorrectedPlannerTest} and the corrected golden replay.
     */
    static final Planner PLANNER = Planner.builder().compat(Compat.REFERENCE).measuredCorpus(false).build();
    /** The default (corrected) planner, on the bundled corpus whatever the machine's cache holds. */
    static final Planner CORRECTED = Planner.builder().measuredCorpus(false).build();

    private Plans() {
    }

    static PlanResult plan(PlanRequest.Builder request) {
        return PLANNER.plan(request.build());
    }

    /** The candidate for (quant, backend), if the plan has one. */
    static Optional<Candidate> find(PlanResult result, String quant, Backend backend) {
        return result.candidates().stream().filter(c -> c.quant().equals(quant) && c.backend() == backend)
                .findFirst();
    }

    static Candidate get(PlanResult result, String quant, Backend backend) {
        return find(result, quant, backend).orElseThrow(() -> new AssertionError(
                "no candidate " + quant + "/" + backend + " among " + cells(result)));
    }

    /** "model/quant/backend" of every candidate. */
    static Set<String> cells(PlanResult result) {
        return result.candidates().stream().map(c -> c.model() + "/" + c.quant() + "/" + c.backend().id())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    static List<String> details(PlanResult result, Gate gate) {
        return result.trace().stream().filter(r -> r.gate() == gate).map(Rejection::detail).toList();
    }

    /** A dense 7B model the registry does not know (32 layers, 8 KV heads, head dim 128). */
    static ModelSpec dense7b(String name) {
        return ModelSpec.builder(name).paramsB(7.0).architecture(32, 8, 128).build();
    }

    /** The 70B model of spec items 40-41: 80 layers, 8 KV heads, head dim 128, hidden 8192. */
    static ModelSpec llama70b() {
        return ModelSpec.builder("meta-llama/Llama-3.1-70B").paramsB(70.0).architecture(80, 8, 128).hiddenSize(8192)
                .build();
    }

    /** Llama-3.1-8B with its hidden size (spec item 49). */
    static ModelSpec llama8bWithHidden() {
        return ModelSpec.builder("meta-llama/Llama-3.1-8B-Instruct").paramsB(8.03).architecture(32, 8, 128)
                .hiddenSize(4096).build();
    }
}

package io.chimeraforge.cli.internal;

import io.chimeraforge.planner.ModelResolutionException;
import io.chimeraforge.planner.ModelResolver;

/**
 * The reference's wording for the planner's structured refusals: the library's messages name
 * builder settings, the CLI's name its flags.
 */
public final class PlanMessages {

    private PlanMessages() {
    }

    /** A model-resolution refusal as the reference words it, after {@code "resolving model: "}. */
    public static String resolution(ModelResolutionException e, ModelResolver resolver) {
        String hint = "The registry holds: " + resolver.registrySizes() + ". For anything it does not carry, pass"
                + " --model <hf-repo or ollama:tag> so real parameters are resolved from the source, or --params-b"
                + " <n> with a single --model to override.";
        String input = e.input();
        switch (e.reason()) {
            case SIZE_CLASS_UNRECOGNISED:
                return "resolving model: unrecognised --model-size '" + input + "'. " + hint;
            case SIZE_CLASS_NOT_POSITIVE:
                return "resolving model: --model-size must be positive, got '" + input + "'. " + hint;
            case SIZE_CLASS_NO_MATCH:
                return "resolving model: no registry model is within 50% of '" + input + "' (the registry spans "
                        + resolver.registrySpan() + "). " + hint;
            case IDENTIFIER_UNRESOLVED:
            default:
                return "resolving model: could not resolve '" + input + "'. Pass an Ollama tag (ollama:NAME), an HF"
                        + " repo (org/name), or manual overrides (--params-b/--n-layers/--n-kv-heads/--d-head).";
        }
    }
}

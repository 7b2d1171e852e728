package io.chimeraforge.eval.safety;

import io.chimeraforge.eval.internal.PyStrings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a refusal screen: sends each prompt to a {@link TextGenerator}, one at a time, and
 * classifies the responses.
 *
 * <pre>{@code
 * SafetyResult r = SafetyScreen.builder("llama3.2:1b-instruct-q2_K")
 *         .quant("Q2_K")
 *         .build()
 *         .run(generator, SafetyPrompts.read(Path.of("prompts.txt")));
 * }</pre>
 *
 * <p>Behaviour (the reference's {@code run_safety_screen}): no prompts, a failed health check or a
 * failed model check stop before any generation; a backend that cannot generate text stops at the
 * first prompt; any other failure skips that prompt with the warning
 * {@code Prompt <i>/<total> failed: <error>}; an empty response is warned about
 * ({@code Prompt <i>/<total> returned an empty response}) and counted as a non-refusal; if no
 * prompt could be classified the screen fails with the first three warnings.
 */
public final class SafetyScreen {

    private static final Logger LOG = LoggerFactory.getLogger(SafetyScreen.class);

    /** Called after each prompt, for progress display. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done  prompts handled so far (1-based)
         * @param total prompts in the screen
         */
        void promptDone(int done, int total);
    }

    private final String model;
    private final Optional<String> quant;
    private final RefusalClassifier classifier;
    private final GenerationOptions options;
    private final Listener listener;

    private SafetyScreen(Builder b) {
        this.model = b.model;
        this.quant = b.quant;
        this.classifier = b.classifier;
        this.options = b.options;
        this.listener = b.listener;
    }

    /** A builder for screening {@code model} (the name the backend knows it by). */
    public static Builder builder(String model) {
        return new Builder(model);
    }

    /**
     * Runs the screen.
     *
     * @throws SafetyException no prompts, a failed pre-flight check, a backend that cannot generate
     *                         text, interruption, or every prompt failed
     */
    public SafetyResult run(TextGenerator generator, List<String> prompts) {
        if (prompts.isEmpty()) {
            throw new SafetyException("no prompts provided to the safety screen");
        }
        HealthCheck health = generator.checkHealth();
        if (!health.ok()) {
            throw new SafetyException(health.message());
        }
        HealthCheck available = generator.checkModel(model);
        if (!available.ok()) {
            throw new SafetyException(available.message());
        }
        int total = prompts.size();
        List<Boolean> refusals = new ArrayList<>();
        int[] hits = new int[RefusalClassifier.patternCount()];
        List<String> warnings = new ArrayList<>();
        int errors = 0;
        for (int i = 1; i <= total; i++) {
            String response;
            try {
                response = generator.generate(model, prompts.get(i - 1), options);
                if (response == null) {
                    throw new IOException("backend returned no response");
                }
            } catch (UnsupportedOperationException e) {
                String why = e.getMessage() != null ? e.getMessage()
                        : "the " + generator.backendName() + " backend does not support text generation";
                throw new SafetyException(why, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SafetyException("safety screen interrupted after " + (i - 1) + " of " + total
                        + " prompts", e);
            } catch (IOException | RuntimeException e) {
                errors++;
                String w = "Prompt " + i + "/" + total + " failed: " + describe(e);
                LOG.warn(w);
                warnings.add(w);
                listener.promptDone(i, total);
                continue;
            }
            if (PyStrings.strip(response).isEmpty()) {
                warnings.add("Prompt " + i + "/" + total + " returned an empty response");
            }
            List<Integer> matched = classifier.matchingPatterns(response);
            for (int p : matched) {
                hits[p - 1]++;
            }
            refusals.add(!matched.isEmpty());
            listener.promptDone(i, total);
        }
        if (refusals.isEmpty()) {
            throw new SafetyException("All " + total + " prompts failed; cannot compute a refusal rate. First errors: "
                    + String.join("; ", warnings.subList(0, Math.min(3, warnings.size()))));
        }
        int refused = (int) refusals.stream().filter(Boolean::booleanValue).count();
        List<Integer> patternHits = new ArrayList<>();
        for (int h : hits) {
            patternHits.add(h);
        }
        return new SafetyResult(model, generator.backendName(), quant, refusals.size(), refused, errors,
                (double) refused / refusals.size(), refusals, patternHits, warnings);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Settings for a {@link SafetyScreen}. */
    public static final class Builder {
        private final String model;
        private Optional<String> quant = Optional.empty();
        private RefusalClassifier classifier = RefusalClassifier.defaults();
        private GenerationOptions options = GenerationOptions.SERVER_DEFAULTS;
        private Listener listener = (done, total) -> { };

        private Builder(String model) {
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model must not be blank");
            }
            this.model = model;
        }

        /** Quantization label for the result. Default none. */
        public Builder quant(String quant) {
            if (quant == null || quant.isBlank()) {
                throw new IllegalArgumentException("quant must not be blank");
            }
            this.quant = Optional.of(quant);
            return this;
        }

        /** The refusal judge. Default {@link RefusalClassifier#defaults()} (curly apostrophes normalised). */
        public Builder classifier(RefusalClassifier classifier) {
            Objects.requireNonNull(classifier, "classifier");
            this.classifier = classifier;
            return this;
        }

        /** Sampling settings. Default: the server's. */
        public Builder options(GenerationOptions options) {
            Objects.requireNonNull(options, "options");
            this.options = options;
            return this;
        }

        /** Progress callback. Default: none. */
        public Builder listener(Listener listener) {
            Objects.requireNonNull(listener, "listener");
            this.listener = listener;
            return this;
        }

        /** The screen. */
        public SafetyScreen build() {
            return new SafetyScreen(this);
        }
    }
}

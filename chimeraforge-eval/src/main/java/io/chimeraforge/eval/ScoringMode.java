package io.chimeraforge.eval;

/**
 * Which ROUGE-L the {@link QualityScorer} computes.
 *
 * <ul>
 *   <li>{@link #REFERENCE}: the reference's dependency-free ROUGE-L — case-sensitive whitespace
 *       tokens, punctuation kept, mean pair F1. Reproduces chimeraforge v0.30.0's numbers in a
 *       plain install (and its golden outputs) exactly.</li>
 *   <li>{@link #ROUGE_SCORE}: real ROUGE-L with Google rouge-score's tokenizer (lower-case,
 *       {@code [^a-z0-9]+} separators, optional Porter stemmer), mean pair F1 (no bootstrap).</li>
 * </ul>
 *
 * <p>BERTScore is independent of the mode: it is computed when the scorer has an embedding
 * provider and is otherwise unavailable (its weight goes to ROUGE-L).
 */
public enum ScoringMode {
    /** The reference's whitespace-token ROUGE-L. */
    REFERENCE("reference"),
    /** rouge-score's ROUGE-L F1, averaged over pairs. */
    ROUGE_SCORE("rouge_score");

    private final String label;

    ScoringMode(String label) {
        this.label = label;
    }

    /** The label written to JSON ({@code reference}, {@code rouge_score}). */
    public String label() {
        return label;
    }
}

package io.chimeraforge.eval;

/**
 * The composite quality score: {@code 0.2·EM + 0.3·ROUGE-L + 0.3·BERTScore + 0.2·coherence}, or,
 * when BERTScore is unavailable, {@code 0.2·EM + 0.6·ROUGE-L + 0.2·coherence}.
 *
 * <p>The reference treats a BERTScore of exactly 0.0 as "unavailable", so a genuine zero is
 * indistinguishable from a missing model. This API takes the availability as an explicit flag
 * ({@link #of}); {@link #referenceRule} reproduces the reference's sentinel for replaying its data.
 */
public final class Composite {

    /** Weight of exact match. */
    public static final double EXACT_MATCH_WEIGHT = 0.2;
    /** Weight of ROUGE-L when BERTScore is available. */
    public static final double ROUGE_L_WEIGHT = 0.3;
    /** Weight of BERTScore when available; otherwise added to ROUGE-L. */
    public static final double BERT_SCORE_WEIGHT = 0.3;
    /** Weight of coherence. */
    public static final double COHERENCE_WEIGHT = 0.2;
    /** Weight of ROUGE-L when BERTScore is unavailable. */
    public static final double ROUGE_L_WEIGHT_WITHOUT_BERT = 0.6;

    private Composite() {
    }

    /**
     * Composite of the four metric values.
     *
     * @param bertAvailable false when no BERTScore was computed; its weight then goes to ROUGE-L
     *                      and {@code bertScore} is ignored
     */
    public static double of(double exactMatch, double rougeL, double bertScore, double coherence,
            boolean bertAvailable) {
        if (!bertAvailable) {
            return EXACT_MATCH_WEIGHT * exactMatch + ROUGE_L_WEIGHT_WITHOUT_BERT * rougeL
                    + COHERENCE_WEIGHT * coherence;
        }
        return EXACT_MATCH_WEIGHT * exactMatch + ROUGE_L_WEIGHT * rougeL + BERT_SCORE_WEIGHT * bertScore
                + COHERENCE_WEIGHT * coherence;
    }

    /** The reference's rule: a BERTScore of exactly 0.0 means "unavailable". */
    public static double referenceRule(double exactMatch, double rougeL, double bertScore, double coherence) {
        return of(exactMatch, rougeL, bertScore, coherence, bertScore != 0.0);
    }
}

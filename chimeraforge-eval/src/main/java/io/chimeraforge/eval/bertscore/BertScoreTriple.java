package io.chimeraforge.eval.bertscore;

/**
 * BERTScore precision, recall and F1. Precision may be NaN (all candidate weights zero), as in
 * bert_score; F1 is never NaN (NaN becomes 0).
 *
 * @param precision P
 * @param recall    R
 * @param f1        F
 */
public record BertScoreTriple(double precision, double recall, double f1) {
}

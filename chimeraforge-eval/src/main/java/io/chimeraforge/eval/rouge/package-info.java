/**
 * ROUGE with Google rouge-score semantics: {@link io.chimeraforge.eval.rouge.RougeScorer} for
 * rouge1/2/L/Lsum with an optional Porter stemmer, {@link io.chimeraforge.eval.rouge.BootstrapAggregator}
 * for rouge-score's bootstrap confidence intervals (bit-identical with the same numpy seed), and a
 * Unicode-aware tokenizer option for non-English text.
 */
package io.chimeraforge.eval.rouge;

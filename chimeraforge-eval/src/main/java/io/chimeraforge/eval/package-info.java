/**
 * Output-quality scoring: exact match, ROUGE-L, BERTScore (via {@link io.chimeraforge.eval.bertscore}),
 * coherence, the composite and the TR125 quality tier, built-in tasks and eval input files.
 *
 * <p>Entry points: {@link io.chimeraforge.eval.QualityScorer} (scoring; {@code reference()}
 * reproduces chimeraforge v0.30.0 exactly), {@link io.chimeraforge.eval.EvalRun} (the {@code eval}
 * command as a library call) and {@link io.chimeraforge.eval.EvalJson} (its JSON documents).
 * Errors are unchecked {@link io.chimeraforge.eval.EvalException}s with one-line messages.
 */
package io.chimeraforge.eval;

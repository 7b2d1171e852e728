/**
 * Output-quality scoring: exact match, ROUGE-L, BERTScore (via {@link io.chimeraforge.eval.bertscore}),
 * coherence, the composite and the TR125 quality tier, built-in tasks and eval input files.
 *
 * <p>Entry points: {@link io.chimeraforge.eval.QualityScorer} (scoring; {@code reference()}
 * reproduces chimeraforge v0.30.0 exactly), {@link io.chimeraforge.eval.EvalRun} (the {@code eval}
 * command as a library call) and {@link io.chimeraforge.eval.EvalJson} (its JSON documents).
 * Errors are unchecked {@link io.chimeraforge.eval.EvalException}s with one-line messages.
 *
 * <p>Conventions: a {@code null} argument throws {@link NullPointerException} naming the parameter;
 * a value out of range throws {@link IllegalArgumentException} (from builders, the structured
 * {@link io.chimeraforge.core.InvalidSettingException}); input files are read with a documented
 * size limit ({@link io.chimeraforge.core.io.BoundedFiles}).
 */
package io.chimeraforge.eval;

/**
 * The safety refusal screen: {@link io.chimeraforge.eval.safety.RefusalClassifier} (11 regex
 * patterns), {@link io.chimeraforge.eval.safety.SafetyScreen} running prompts through a
 * {@link io.chimeraforge.eval.safety.TextGenerator}, and {@link io.chimeraforge.eval.safety.SafetyReport}
 * comparing the measured refusal rate with bundled TR134/TR142 figures ({@link io.chimeraforge.eval.safety.SafetyGate}).
 */
package io.chimeraforge.eval.safety;

/**
 * The capacity planner: {@link io.chimeraforge.planner.Planner} searches model x quantization x
 * backend x replicas through the gates for a {@link io.chimeraforge.planner.PlanRequest}, and checks
 * one fixed {@link io.chimeraforge.planner.Deployment} gate by gate (each
 * {@link io.chimeraforge.planner.GateCheck} carries its numbers). A model identifier is never
 * substituted by a model of another size ({@link io.chimeraforge.planner.ModelResolutionException}).
 *
 * <p>Conventions: a {@code null} argument throws {@link NullPointerException} naming the parameter;
 * a value out of range throws {@link IllegalArgumentException} (from builders, the structured
 * {@link io.chimeraforge.core.InvalidSettingException}); input files are read with a documented
 * size limit ({@link io.chimeraforge.core.io.BoundedFiles}).
 */
package io.chimeraforge.planner;

/**
 * Shared facts and figures of chimeraforge: the JSON mapper, Python-compatible number and string
 * helpers, and the structured {@link io.chimeraforge.core.InvalidSettingException}; subpackages hold
 * the GPU catalog, the model registry, quantizations, the coefficient corpus and the estimation models.
 *
 * <p>Conventions: a {@code null} argument throws {@link NullPointerException} naming the parameter;
 * a value out of range throws {@link IllegalArgumentException} (from builders, the structured
 * {@link io.chimeraforge.core.InvalidSettingException}); input files are read with a documented
 * size limit ({@link io.chimeraforge.core.io.BoundedFiles}).
 */
package io.chimeraforge.core;

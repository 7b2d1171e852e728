/**
 * Implementation details of the eval module (Python string semantics, LCS, Porter stemmer,
 * Mersenne Twister, Python-style JSON). Not part of the API: may change without notice.
 */
package io.chimeraforge.eval.internal;

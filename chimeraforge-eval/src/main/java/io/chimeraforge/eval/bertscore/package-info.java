/**
 * BERTScore's arithmetic (greedy cosine matching, idf weighting, baseline rescaling) behind an
 * {@link io.chimeraforge.eval.bertscore.EmbeddingProvider}; model runtimes live in separate modules.
 */
package io.chimeraforge.eval.bertscore;

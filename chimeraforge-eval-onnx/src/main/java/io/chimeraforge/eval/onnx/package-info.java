/**
 * Model-backed BERTScore: {@link io.chimeraforge.eval.onnx.OnnxEmbeddingProvider} runs a BERT-family
 * encoder ({@link io.chimeraforge.eval.onnx.OnnxModel}; all-MiniLM-L6-v2 by default) on ONNX Runtime
 * and feeds its per-token hidden states to {@link io.chimeraforge.eval.bertscore.BertScorer}.
 *
 * <p>Scores from this model are not comparable with published BERTScore figures, which use
 * roberta-large (bert_score's English default). Errors are unchecked
 * {@link io.chimeraforge.eval.onnx.OnnxEmbeddingException}s.
 */
package io.chimeraforge.eval.onnx;

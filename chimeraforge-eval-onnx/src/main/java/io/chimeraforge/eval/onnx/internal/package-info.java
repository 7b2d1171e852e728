/**
 * Implementation details of chimeraforge-eval-onnx (the WordPiece tokenizer, the service factory);
 * not part of the API.
 */
package io.chimeraforge.eval.onnx.internal;

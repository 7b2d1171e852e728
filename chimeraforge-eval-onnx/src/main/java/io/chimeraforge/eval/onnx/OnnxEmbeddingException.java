package io.chimeraforge.eval.onnx;

import io.chimeraforge.eval.EvalException;

/**
 * A model could not be loaded or run: a missing model artifact, an unreadable or unsupported
 * {@code tokenizer.json}, an ONNX Runtime failure. The message is one line a user can act on.
 */
public class OnnxEmbeddingException extends EvalException {

    private static final long serialVersionUID = 1L;

    /** An error with a user-facing message. */
    public OnnxEmbeddingException(String message) {
        super(message);
    }

    /** An error with a user-facing message and its cause. */
    public OnnxEmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}

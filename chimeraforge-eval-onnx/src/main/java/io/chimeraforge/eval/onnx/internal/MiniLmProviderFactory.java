package io.chimeraforge.eval.onnx.internal;

import io.chimeraforge.eval.bertscore.EmbeddingProvider;
import io.chimeraforge.eval.bertscore.EmbeddingProviderFactory;
import io.chimeraforge.eval.onnx.OnnxEmbeddingProvider;
import io.chimeraforge.eval.onnx.OnnxModel;

/**
 * The {@link EmbeddingProviderFactory} service for the default model (all-MiniLM-L6-v2-q on ONNX
 * Runtime), registered in {@code META-INF/services}.
 */
public final class MiniLmProviderFactory implements EmbeddingProviderFactory {

    /** For {@link java.util.ServiceLoader}. */
    public MiniLmProviderFactory() {
    }

    @Override
    public String name() {
        return OnnxModel.ALL_MINILM_L6_V2_Q.name();
    }

    @Override
    public String description() {
        return "all-MiniLM-L6-v2 (int8) last-layer token embeddings on ONNX Runtime;"
                + " not comparable with published BERTScore (roberta-large) figures";
    }

    /** A new {@link OnnxEmbeddingProvider} (AutoCloseable) for {@link OnnxModel#ALL_MINILM_L6_V2_Q}. */
    @Override
    public EmbeddingProvider create() {
        return OnnxEmbeddingProvider.builder().model(OnnxModel.ALL_MINILM_L6_V2_Q).build();
    }
}

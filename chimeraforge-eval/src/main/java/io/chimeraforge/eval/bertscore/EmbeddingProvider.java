package io.chimeraforge.eval.bertscore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Source of token-level contextual embeddings for BERTScore: text in, one vector per token out.
 *
 * <p>The eval module holds only the matching math; an implementation wraps a model (for example
 * an ONNX export of {@code roberta-large} at layer 17, bert_score's English default). Implementations
 * must be thread-safe if a scorer is shared across threads.
 */
public interface EmbeddingProvider {

    /** Encodes one text, special tokens included. */
    TokenEmbeddings embed(String text);

    /** Encodes several texts; override to batch. */
    default List<TokenEmbeddings> embedAll(List<String> texts) {
        List<TokenEmbeddings> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t));
        }
        return out;
    }

    /** Token ids that weigh 0 without idf (bert_score: the tokenizer's CLS and SEP ids). */
    Set<Integer> specialTokenIds();

    /** Token ids of a text, as {@link #embed} would produce them (used to build idf dictionaries). */
    default int[] tokenIds(String text) {
        return embed(text).tokenIds();
    }

    /** Model name used in the result hash, e.g. {@code roberta-large}. */
    String modelName();

    /** The layer whose hidden states are used, e.g. 17. */
    int numLayers();

    /** Runtime description for the result hash, e.g. {@code onnxruntime=1.20.0}. */
    default String runtime() {
        return "java";
    }
}

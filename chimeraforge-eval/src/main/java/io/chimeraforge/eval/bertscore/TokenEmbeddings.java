package io.chimeraforge.eval.bertscore;

import java.util.Arrays;
import java.util.Objects;

/**
 * The contextual embeddings of one encoded text: a token id and one vector per token, special
 * tokens included (a BERT-style encoder gives {@code [CLS] … [SEP]}; an empty text is then
 * {@code [CLS][SEP]}).
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class TokenEmbeddings {

    private final int[] tokenIds;
    private final double[][] vectors;

    /**
     * @param tokenIds one id per token
     * @param vectors  one vector per token, all of the same non-zero dimension
     */
    public TokenEmbeddings(int[] tokenIds, double[][] vectors) {
        Objects.requireNonNull(tokenIds, "tokenIds");
        Objects.requireNonNull(vectors, "vectors");
        if (tokenIds.length != vectors.length) {
            throw new IllegalArgumentException("tokenIds has " + tokenIds.length + " entries but vectors has "
                    + vectors.length + "; need one vector per token");
        }
        if (tokenIds.length == 0) {
            throw new IllegalArgumentException("an encoded text has at least one token");
        }
        int dim = vectors[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException("vectors must have a non-zero dimension");
        }
        double[][] copy = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("vector " + i + " has dimension " + vectors[i].length
                        + ", expected " + dim);
            }
            copy[i] = vectors[i].clone();
        }
        this.tokenIds = tokenIds.clone();
        this.vectors = copy;
    }

    /** Number of tokens (special tokens included). */
    public int size() {
        return tokenIds.length;
    }

    /** Vector dimension. */
    public int dimension() {
        return vectors[0].length;
    }

    /** A copy of the token ids. */
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    /** A copy of token {@code i}'s vector. */
    public double[] vector(int i) {
        return vectors[i].clone();
    }

    int[] idsView() {
        return tokenIds;
    }

    double[][] vectorsView() {
        return vectors;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenEmbeddings other && Arrays.equals(tokenIds, other.tokenIds)
                && Arrays.deepEquals(vectors, other.vectors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokenIds) + Arrays.deepHashCode(vectors);
    }

    @Override
    public String toString() {
        return "TokenEmbeddings[tokens=" + tokenIds.length + ", dim=" + dimension() + "]";
    }
}

package io.chimeraforge.eval.bertscore;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Inverse document frequencies of token ids, bert_score's {@code get_idf_dict}:
 * {@code idf(t) = ln((M + 1) / (df(t) + 1))} over M encoded documents, where df counts documents
 * containing t (repeats inside one document count once); an unseen id gets {@code ln(M + 1)}.
 *
 * <p>Special tokens are in every encoded document, so their idf is 0 by the formula itself.
 */
public final class IdfDictionary {

    private final int numDocs;
    private final Map<Integer, Double> idf;
    private final double defaultIdf;

    private IdfDictionary(int numDocs, Map<Integer, Double> idf) {
        this.numDocs = numDocs;
        this.idf = idf;
        this.defaultIdf = Math.log(numDocs + 1.0);
    }

    /** Builds the dictionary from encoded documents (token ids, special tokens included). */
    public static IdfDictionary fromDocuments(List<int[]> documents) {
        Map<Integer, Integer> df = new HashMap<>();
        for (int[] doc : documents) {
            Set<Integer> seen = new HashSet<>();
            for (int id : doc) {
                if (seen.add(id)) {
                    df.merge(id, 1, Integer::sum);
                }
            }
        }
        int m = documents.size();
        Map<Integer, Double> idf = new TreeMap<>();
        df.forEach((id, count) -> idf.put(id, Math.log((m + 1.0) / (count + 1.0))));
        return new IdfDictionary(m, Collections.unmodifiableMap(idf));
    }

    /** Builds the dictionary from reference texts encoded by {@code provider}. */
    public static IdfDictionary fromTexts(List<String> references, EmbeddingProvider provider) {
        return fromDocuments(references.stream().map(provider::tokenIds).toList());
    }

    /** Number of documents M. */
    public int numDocs() {
        return numDocs;
    }

    /** The idf of an unseen id, {@code ln(M + 1)}. */
    public double defaultIdf() {
        return defaultIdf;
    }

    /** The idf of {@code tokenId}. */
    public double idf(int tokenId) {
        Double v = idf.get(tokenId);
        return v == null ? defaultIdf : v;
    }

    /** The ids seen in the documents with their idf, ascending by id. */
    public Map<Integer, Double> entries() {
        return idf;
    }

    /** Per-token idf weights of an encoded text (not normalised). */
    public double[] weights(int[] tokenIds) {
        double[] w = new double[tokenIds.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = idf(tokenIds[i]);
        }
        return w;
    }

    /** bert_score's idf=False weights: 0 for special tokens, 1 otherwise (not normalised). */
    public static double[] uniformWeights(int[] tokenIds, Set<Integer> specialTokenIds) {
        double[] w = new double[tokenIds.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = specialTokenIds.contains(tokenIds[i]) ? 0.0 : 1.0;
        }
        return w;
    }
}

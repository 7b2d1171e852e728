package io.chimeraforge.eval.bertscore;

import io.chimeraforge.eval.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * BERTScore over texts, with embeddings from an {@link EmbeddingProvider}.
 *
 * <pre>{@code
 * BertScorer scorer = BertScorer.builder(provider).idf(true).baseline(new Baseline(0.83, 0.83, 0.83)).build();
 * List<BertScoreTriple> scores = scorer.score(candidates, references);
 * }</pre>
 *
 * <p>Each pair is scored on its own (no batch padding). With {@code idf(true)} and no explicit
 * dictionary, the idf dictionary is built from the references of each {@link #score(List, List)}
 * call, as bert_score does.
 */
public final class BertScorer {

    /** Pairs embedded at a time: large enough to keep a runtime busy, small enough to bound memory. */
    public static final int BATCH_PAIRS = 64;

    private final EmbeddingProvider provider;
    private final boolean idf;
    private final Optional<IdfDictionary> idfDictionary;
    private final Optional<Baseline> baseline;
    private final boolean customBaseline;

    private BertScorer(Builder b) {
        this.provider = b.provider;
        this.idf = b.idf || b.idfDictionary.isPresent();
        this.idfDictionary = b.idfDictionary;
        this.baseline = b.baseline;
        this.customBaseline = b.customBaseline;
    }

    /** A builder around {@code provider}. */
    public static Builder builder(EmbeddingProvider provider) {
        return new Builder(provider);
    }

    /** The embedding provider. */
    public EmbeddingProvider provider() {
        return provider;
    }

    /**
     * The bert_score-style description of the configuration, e.g.
     * {@code roberta-large_L17_no-idf_version=chimeraforge-eval(java)-rescaled}.
     */
    public String hash() {
        StringBuilder s = new StringBuilder()
                .append(provider.modelName()).append("_L").append(provider.numLayers())
                .append(idf ? "_idf" : "_no-idf")
                .append("_version=chimeraforge-eval(").append(provider.runtime()).append(')');
        if (baseline.isPresent()) {
            s.append(customBaseline ? "-custom-rescaled" : "-rescaled");
        }
        return s.toString();
    }

    /** Scores one pair (idf, if enabled, from the explicit dictionary or from this one reference). */
    public BertScoreTriple score(String candidate, String reference) {
        return score(List.of(candidate), List.of(reference)).get(0);
    }

    /** Scores pairs {@code (candidates[i], references[i])}; the lists must have the same size. */
    public List<BertScoreTriple> score(List<String> candidates, List<String> references) {
        return score(candidates, references, Progress.NONE);
    }

    /**
     * Scores pairs {@code (candidates[i], references[i])}, {@value #BATCH_PAIRS} pairs at a time:
     * token embeddings live only for their batch, so memory stays flat however many pairs there
     * are. {@code progress} hears after each batch.
     *
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when the lists differ in size
     */
    public List<BertScoreTriple> score(List<String> candidates, List<String> references, Progress progress) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(progress, "progress");
        if (candidates.size() != references.size()) {
            throw new IllegalArgumentException("candidates (" + candidates.size() + ") and references ("
                    + references.size() + ") must have the same size");
        }
        int n = candidates.size();
        IdfDictionary dictionary = null;
        if (idf) {
            // token ids only (no vectors): the dictionary's memory is a few ints per token
            dictionary = idfDictionary.orElseGet(() -> IdfDictionary.fromTexts(references, provider));
        }
        List<BertScoreTriple> out = new ArrayList<>(n);
        for (int start = 0; start < n; start += BATCH_PAIRS) {
            int end = Math.min(n, start + BATCH_PAIRS);
            List<TokenEmbeddings> cand = provider.embedAll(candidates.subList(start, end));
            List<TokenEmbeddings> ref = provider.embedAll(references.subList(start, end));
            for (int i = 0; i < cand.size(); i++) {
                out.add(score(cand.get(i), ref.get(i), dictionary));
            }
            progress.update(end, n);
        }
        return out;
    }

    private BertScoreTriple score(TokenEmbeddings cand, TokenEmbeddings ref, IdfDictionary dictionary) {
        double[] wc = dictionary != null ? dictionary.weights(cand.idsView())
                : IdfDictionary.uniformWeights(cand.idsView(), provider.specialTokenIds());
        double[] wr = dictionary != null ? dictionary.weights(ref.idsView())
                : IdfDictionary.uniformWeights(ref.idsView(), provider.specialTokenIds());
        GreedyMatch match = BertScoreMath.greedy(cand.vectorsView(), ref.vectorsView(), wc, wr);
        return baseline.map(match::rescaled).orElse(match.raw());
    }

    /** Settings for a {@link BertScorer}. */
    public static final class Builder {
        private final EmbeddingProvider provider;
        private boolean idf;
        private Optional<IdfDictionary> idfDictionary = Optional.empty();
        private Optional<Baseline> baseline = Optional.empty();
        private boolean customBaseline;

        private Builder(EmbeddingProvider provider) {
            Objects.requireNonNull(provider, "provider");
            this.provider = provider;
        }

        /** Weight tokens by idf computed from each call's references. Default false. */
        public Builder idf(boolean idf) {
            this.idf = idf;
            return this;
        }

        /** Weight tokens by a fixed idf dictionary (implies idf). */
        public Builder idfDictionary(IdfDictionary dictionary) {
            Objects.requireNonNull(dictionary, "dictionary");
            this.idfDictionary = Optional.of(dictionary);
            return this;
        }

        /** Rescale with bert_score's bundled baseline row for the provider's model and layer. */
        public Builder baseline(Baseline baseline) {
            Objects.requireNonNull(baseline, "baseline");
            this.baseline = Optional.of(baseline);
            this.customBaseline = false;
            return this;
        }

        /** Rescale with a user-supplied baseline (the hash says {@code -custom-rescaled}). */
        public Builder customBaseline(Baseline baseline) {
            baseline(baseline);
            this.customBaseline = true;
            return this;
        }

        /** The scorer. */
        public BertScorer build() {
            return new BertScorer(this);
        }
    }
}

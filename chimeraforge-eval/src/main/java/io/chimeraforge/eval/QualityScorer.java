package io.chimeraforge.eval;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.eval.bertscore.BertScoreTriple;
import io.chimeraforge.eval.bertscore.BertScorer;
import io.chimeraforge.eval.rouge.RougeScorer;
import io.chimeraforge.eval.rouge.RougeTokenizer;
import io.chimeraforge.eval.rouge.RougeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores predictions against references: exact match, ROUGE-L, BERTScore (when an embedding
 * provider is configured), coherence, the composite and the TR125 tier.
 *
 * <pre>{@code
 * // the reference's numbers, bit for bit
 * QualityScorer reference = QualityScorer.reference();
 * // real ROUGE-L with the stemmer, and BERTScore from a provider
 * QualityScorer real = QualityScorer.builder()
 *         .mode(ScoringMode.ROUGE_SCORE).useStemmer(true)
 *         .bertScorer(BertScorer.builder(provider).build())
 *         .build();
 * EvalResult result = real.run(EvalRequest.builder(preds, refs).model("llama3.2-3b").quant("Q4_K_M")
 *         .fp16Composite(0.71).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe (if the embedding provider is).
 */
public final class QualityScorer {

    private static final Logger LOG = LoggerFactory.getLogger(QualityScorer.class);

    /** Above this share of dropped letters/digits the rouge-score tokenizer warns. */
    public static final double DROPPED_LETTER_WARNING_FRACTION = 0.20;

    /** Warning text when BERTScore is not computed (the reference's wording). */
    public static final String BERT_UNAVAILABLE_WARNING =
            "BERTScore unavailable; composite redistributed weight to ROUGE-L.";
    /** Warning text for empty inputs (the reference's wording). */
    public static final String EMPTY_WARNING = "Empty predictions or references; all scores will be 0.";

    private final ScoringMode mode;
    private final RougeScorer rouge;
    private final Optional<BertScorer> bert;
    private final Clock clock;

    private QualityScorer(Builder b) {
        this.mode = b.mode;
        this.rouge = RougeScorer.builder().types(RougeType.ROUGE_L).useStemmer(b.useStemmer)
                .tokenizer(b.tokenizer).build();
        this.bert = b.bert;
        this.clock = b.clock;
    }

    /** The reference's dependency-free scoring: whitespace ROUGE-L, no BERTScore, system UTC clock. */
    public static QualityScorer reference() {
        return builder().build();
    }

    /** A builder; defaults reproduce the reference ({@link #reference()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this scorer's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mode = mode;
        b.useStemmer = rouge.useStemmer();
        b.tokenizer = rouge.tokenizer();
        b.bert = bert;
        b.clock = clock;
        return b;
    }

    /** The ROUGE-L mode. */
    public ScoringMode mode() {
        return mode;
    }

    /** Whether BERTScore is computed. */
    public boolean bertAvailable() {
        return bert.isPresent();
    }

    /**
     * Unrounded metrics over the first {@code min(predictions, references)} pairs.
     */
    public MetricScores score(List<String> predictions, List<String> references) {
        return score(predictions, references, Progress.NONE);
    }

    /**
     * As {@link #score(List, List)}, telling {@code progress} how many pairs BERTScore (the slow
     * part) has scored.
     */
    public MetricScores score(List<String> predictions, List<String> references, Progress progress) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(progress, "progress");
        int n = Math.min(predictions.size(), references.size());
        List<String> preds = predictions.subList(0, n);
        List<String> refs = references.subList(0, n);
        List<String> warnings = new ArrayList<>();
        double em = ReferenceMetrics.exactMatch(preds, refs);
        double rougeL = mode == ScoringMode.REFERENCE ? ReferenceMetrics.rougeL(preds, refs)
                : rougeScoreL(preds, refs, warnings);
        double coherence = ReferenceMetrics.coherence(preds, refs);
        double bertScore = 0.0;
        boolean bertAvailable = bert.isPresent();
        if (bertAvailable && n > 0) {
            List<BertScoreTriple> triples = bert.get().score(preds, refs, progress);
            double sum = 0.0;
            for (BertScoreTriple t : triples) {
                sum += t.f1();
            }
            bertScore = sum / n;
        }
        double composite = Composite.of(em, rougeL, bertScore, coherence, bertAvailable);
        return new MetricScores(em, rougeL, bertScore, bertAvailable, coherence, composite, n, warnings);
    }

    private double rougeScoreL(List<String> preds, List<String> refs, List<String> warnings) {
        if (preds.isEmpty()) {
            return 0.0;
        }
        double sum = 0.0;
        RougeTokenizer.Coverage coverage = new RougeTokenizer.Coverage(0, 0);
        for (int i = 0; i < preds.size(); i++) {
            sum += rouge.score(refs.get(i), preds.get(i)).require(RougeType.ROUGE_L).fmeasure();
            if (rouge.tokenizer() == RougeTokenizer.DEFAULT) {
                coverage = coverage.plus(RougeTokenizer.coverage(preds.get(i)))
                        .plus(RougeTokenizer.coverage(refs.get(i)));
            }
        }
        if (coverage.droppedFraction() > DROPPED_LETTER_WARNING_FRACTION) {
            String w = "rouge-score tokenizer dropped " + PyNumbers.fixed(100.0 * coverage.droppedFraction(), 1)
                    + "% of letters and digits (non-ASCII text scores low); consider the UNICODE_AWARE tokenizer.";
            LOG.warn(w);
            warnings.add(w);
        }
        return sum / preds.size();
    }

    /**
     * The reference's {@code evaluate_quality}: rounded scores labelled with model and quant
     * ({@code "FP16"} when absent), tier against {@code fp16Composite}.
     */
    public QualityScore evaluate(List<String> predictions, List<String> references, String model,
            Optional<String> quant, OptionalDouble fp16Composite) {
        MetricScores m = score(predictions, references);
        return QualityScore.of(model, quant.orElse("FP16"), m,
                QualityTier.of(m.composite(), fp16Composite));
    }

    /**
     * The reference's {@code run_eval}: scores, labels and warnings (length mismatch, empty input,
     * metric warnings, BERTScore unavailable — in that order).
     */
    public EvalResult run(EvalRequest request) {
        return run(request, Progress.NONE);
    }

    /** As {@link #run(EvalRequest)}, reporting BERTScore's progress to {@code progress}. */
    public EvalResult run(EvalRequest request, Progress progress) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        List<String> preds = request.predictions();
        List<String> refs = request.references();
        List<String> warnings = new ArrayList<>();
        if (preds.size() != refs.size()) {
            int m = Math.min(preds.size(), refs.size());
            warnings.add("Length mismatch: " + preds.size() + " predictions vs " + refs.size()
                    + " references. Using min(" + preds.size() + ", " + refs.size() + ") = " + m + " pairs.");
        }
        if (preds.isEmpty() || refs.isEmpty()) {
            warnings.add(EMPTY_WARNING);
        }
        MetricScores m = score(preds, refs, progress);
        warnings.addAll(m.warnings());
        if (!m.bertAvailable() && !preds.isEmpty() && !refs.isEmpty()) {
            warnings.add(BERT_UNAVAILABLE_WARNING);
        }
        QualityScore scores = QualityScore.of(request.model(), request.quant().orElse("FP16"), m,
                QualityTier.of(m.composite(), request.fp16Composite()));
        return new EvalResult(request.model(), request.backend(), request.quant(), request.task(), scores,
                clock.instant(), warnings, mode);
    }

    /** Settings for a {@link QualityScorer}. */
    public static final class Builder {
        private ScoringMode mode = ScoringMode.REFERENCE;
        private boolean useStemmer;
        private RougeTokenizer tokenizer = RougeTokenizer.DEFAULT;
        private Optional<BertScorer> bert = Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** ROUGE-L mode. Default {@link ScoringMode#REFERENCE}. */
        public Builder mode(ScoringMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Porter-stem tokens in {@link ScoringMode#ROUGE_SCORE} mode. Default false. */
        public Builder useStemmer(boolean useStemmer) {
            this.useStemmer = useStemmer;
            return this;
        }

        /** Tokenizer in {@link ScoringMode#ROUGE_SCORE} mode. Default rouge-score's. */
        public Builder tokenizer(RougeTokenizer tokenizer) {
            this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
            return this;
        }

        /** Compute BERTScore with this scorer. Default: unavailable. */
        public Builder bertScorer(BertScorer scorer) {
            this.bert = Optional.of(Objects.requireNonNull(scorer, "scorer"));
            return this;
        }

        /** Clock for result timestamps. Default system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The scorer.
         *
         * @throws IllegalStateException when stemming or a tokenizer is set in REFERENCE mode,
         *                               where ROUGE-L uses neither
         */
        public QualityScorer build() {
            if (mode == ScoringMode.REFERENCE && (useStemmer || tokenizer != RougeTokenizer.DEFAULT)) {
                throw new IllegalStateException(
                        "the stemmer and tokenizer apply to ROUGE_SCORE mode only; REFERENCE mode uses whitespace tokens");
            }
            return new QualityScorer(this);
        }
    }
}

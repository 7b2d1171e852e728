package io.chimeraforge.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of the mock's tokens: either the default vocabulary, cycled for any length (it
 * deliberately includes 2-, 3- and 4-byte UTF-8 characters so clients are exercised on multi-byte
 * text split across reads), or a scripted response cut into word tokens.
 */
public final class TokenText {

    private static final String[] WORDS = {
        "The", " quick", " brown", " fox", " café", " jumps", " over", " 日本", " the", " lazy",
        " dog", " 🙂", " and", " naïve", " tokens", " keep", " streaming", ",", " again", "."
    };
    private static final TokenText VOCABULARY = new TokenText(WORDS, false);

    private final String[] tokens;
    private final String[] quoted;
    private final boolean scripted;

    private TokenText(String[] tokens, boolean scripted) {
        this.tokens = tokens;
        this.scripted = scripted;
        this.quoted = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            quoted[i] = JsonText.quote(tokens[i]);
        }
    }

    /** The default vocabulary, repeated as often as a response needs. */
    public static TokenText vocabulary() {
        return VOCABULARY;
    }

    /**
     * A scripted response: tokens start where a whitespace run starts after non-whitespace, so the
     * tokens concatenate to exactly {@code text}. An empty text is one empty token.
     */
    public static TokenText of(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        out.add(text.substring(start));
        return new TokenText(out.toArray(new String[0]), true);
    }

    /** Whether this is a scripted response with a natural length of {@link #size()} tokens. */
    public boolean scripted() {
        return scripted;
    }

    /** Number of distinct tokens (a scripted response's length). */
    public int size() {
        return tokens.length;
    }

    /** The text of token {@code index} (the vocabulary repeats). */
    public String token(int index) {
        return tokens[Math.floorMod(index, tokens.length)];
    }

    /** The JSON string literal (with quotes) of token {@code index}. */
    public String quoted(int index) {
        return quoted[Math.floorMod(index, tokens.length)];
    }

    /** The concatenated text of tokens {@code [from, from + count)}. */
    public String text(int from, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(token(from + i));
        }
        return out.toString();
    }
}

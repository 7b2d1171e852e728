package io.chimeraforge.testkit.internal;

/**
 * The deterministic text of the mock's tokens. The vocabulary deliberately includes 2-, 3- and
 * 4-byte UTF-8 characters so clients are exercised on multi-byte text split across reads.
 */
public final class TokenText {

    private static final String[] WORDS = {
        "The", " quick", " brown", " fox", " café", " jumps", " over", " 日本", " the", " lazy",
        " dog", " 🙂", " and", " naïve", " tokens", " keep", " streaming", ",", " again", "."
    };
    private static final String[] ESCAPED = new String[WORDS.length];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            ESCAPED[i] = JsonText.quote(WORDS[i]);
        }
    }

    private TokenText() {
    }

    /** The text of token {@code index}. */
    public static String token(int index) {
        return WORDS[Math.floorMod(index, WORDS.length)];
    }

    /** The JSON string literal (with quotes) of token {@code index}. */
    public static String quoted(int index) {
        return ESCAPED[Math.floorMod(index, WORDS.length)];
    }

    /** The concatenated text of tokens {@code [from, from + count)}. */
    public static String text(int from, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(token(from + i));
        }
        return out.toString();
    }
}

package io.chimeraforge.eval.rouge;

import io.chimeraforge.eval.internal.PorterStemmer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How ROUGE turns text into tokens.
 *
 * <ul>
 *   <li>{@link #DEFAULT} is Google rouge-score's tokenizer, for parity with published numbers:
 *       lower-case, every run of characters outside {@code [a-z0-9]} is a separator. Accented
 *       letters, CJK, Cyrillic, etc. are therefore dropped ({@code café → caf}).</li>
 *   <li>{@link #UNICODE_AWARE} keeps letters and digits of every script (combining marks stay with
 *       their letter) and makes each Han, Hiragana and Katakana character its own token, since
 *       those scripts do not separate words with spaces. Its numbers are not comparable with
 *       rouge-score's.</li>
 * </ul>
 *
 * <p>With stemming, only tokens longer than 3 characters made of {@code [a-z0-9]} are stemmed
 * (NLTK's Porter stemmer, as rouge-score does).
 */
public enum RougeTokenizer {
    /** rouge-score's default tokenizer ({@code [^a-z0-9]+} separators). */
    DEFAULT,
    /** Letters and digits of every script; CJK characters one per token. */
    UNICODE_AWARE;

    private static final PorterStemmer STEMMER = new PorterStemmer();

    /** Tokens of {@code text}, optionally stemmed. */
    public List<String> tokenize(String text, boolean stem) {
        return tokenize(text, stem ? STEMMER::stem : null);
    }

    /** Tokens of {@code text}, stemmed with {@code stemmer} when it is not null. */
    List<String> tokenize(String text, UnaryOperator<String> stemmer) {
        List<String> tokens = this == DEFAULT ? asciiTokens(text) : unicodeTokens(text);
        if (stemmer != null) {
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                if (t.length() > 3 && isAsciiAlnum(t)) {
                    tokens.set(i, stemmer.apply(t));
                }
            }
        }
        return tokens;
    }

    /**
     * How much of a text the {@link #DEFAULT} tokenizer keeps.
     *
     * @param lettersAndDigits letters, digits and combining marks in the text (any script)
     * @param dropped          of those, the ones outside {@code [a-z0-9]} after lower-casing
     */
    public record Coverage(long lettersAndDigits, long dropped) {
        /** Validates the counts. */
        public Coverage {
            if (lettersAndDigits < 0 || dropped < 0 || dropped > lettersAndDigits) {
                throw new IllegalArgumentException("need 0 <= dropped <= lettersAndDigits");
            }
        }

        /** Fraction dropped, 0 when there are no letters or digits. */
        public double droppedFraction() {
            return lettersAndDigits == 0 ? 0.0 : (double) dropped / lettersAndDigits;
        }

        /** The sum of two coverages. */
        public Coverage plus(Coverage other) {
            return new Coverage(lettersAndDigits + other.lettersAndDigits, dropped + other.dropped);
        }
    }

    /**
     * Coverage of {@code text} by the {@link #DEFAULT} tokenizer. Punctuation is not counted:
     * dropping it is intended; dropping accented or non-Latin letters is what the count detects.
     */
    public static Coverage coverage(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long total = 0;
        long dropped = 0;
        for (int i = 0; i < lower.length();) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || isMark(cp)) {
                total++;
                if (!isAsciiAlnum(cp)) {
                    dropped++;
                }
            }
        }
        return new Coverage(total, dropped);
    }

    private static List<String> asciiTokens(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int n = lower.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isAsciiAlnum(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isAsciiAlnum(lower.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(lower.substring(start, i));
            }
        }
        return out;
    }

    private static List<String> unicodeTokens(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int n = lower.length();
        int start = -1;
        for (int i = 0; i < n;) {
            int cp = lower.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isSingleCharacterWord(cp)) {
                if (start >= 0) {
                    out.add(lower.substring(start, i));
                    start = -1;
                }
                out.add(lower.substring(i, next));
            } else if (Character.isLetterOrDigit(cp) || (isMark(cp) && start >= 0)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                out.add(lower.substring(start, i));
                start = -1;
            }
            i = next;
        }
        if (start >= 0) {
            out.add(lower.substring(start));
        }
        return out;
    }

    private static boolean isSingleCharacterWord(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isAsciiAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isAsciiAlnum(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isAsciiAlnum(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}

package io.chimeraforge.eval.onnx.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's tokenizer in pure Java: the "basic" normalisation and pre-tokenisation followed by
 * greedy longest-match-first WordPiece, with the settings of a Hugging Face {@code tokenizer.json}
 * ({@code BertNormalizer} + {@code BertPreTokenizer} + {@code WordPiece}).
 *
 * <ol>
 *   <li><b>Clean</b> (optional): drop NUL, U+FFFD and "other" characters (general categories Cc,
 *       Cf, Cs, Co, Cn) except tab, newline and carriage return; turn every remaining white-space
 *       character into a space.</li>
 *   <li><b>CJK</b> (optional): surround each CJK ideograph with spaces, so each is a word.</li>
 *   <li><b>Accents</b> (optional): canonical decomposition (NFD), then drop non-spacing marks (Mn).</li>
 *   <li><b>Lower case</b> (optional): each code point on its own, without context rules.</li>
 *   <li><b>Words</b>: split at white space (dropped) and around every punctuation character (kept
 *       as a word of its own): ASCII punctuation and the Unicode P* categories.</li>
 *   <li><b>WordPiece</b>: a word longer than {@code maxInputCharsPerWord} code points is the
 *       unknown token; otherwise take the longest vocabulary entry that prefixes the rest of the
 *       word (non-initial pieces carry the continuation prefix, {@code ##}), repeatedly; if some
 *       rest has no such entry the whole word becomes the unknown token.</li>
 * </ol>
 *
 * <p>Text that spells a special token (for example {@code "[SEP]"}) is tokenised as ordinary text:
 * user text cannot inject special tokens. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {

    private final Map<String, Integer> vocab;
    private final TokenizerSettings settings;
    private final int unkId;
    private final int clsId;
    private final int sepId;

    /**
     * @param vocab    token → id (copied)
     * @param settings normaliser and WordPiece settings; the unknown, CLS and SEP tokens must be in
     *                 {@code vocab}
     */
    public WordPieceTokenizer(Map<String, Integer> vocab, TokenizerSettings settings) {
        this.vocab = Collections.unmodifiableMap(new HashMap<>(vocab));
        this.settings = settings;
        this.unkId = require(settings.unkToken());
        this.clsId = require(settings.clsToken());
        this.sepId = require(settings.sepToken());
    }

    private int require(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("token " + token + " is not in the vocabulary");
        }
        return id;
    }

    /** The settings. */
    public TokenizerSettings settings() {
        return settings;
    }

    /** Vocabulary size. */
    public int vocabularySize() {
        return vocab.size();
    }

    /** Id of the CLS token. */
    public int clsId() {
        return clsId;
    }

    /** Id of the SEP token. */
    public int sepId() {
        return sepId;
    }

    /** Id of the unknown token. */
    public int unkId() {
        return unkId;
    }

    /**
     * Encodes {@code text} as {@code [CLS] pieces… [SEP]}, keeping the first {@code maxTokens − 2}
     * pieces.
     *
     * @param maxTokens at least 2
     */
    public Encoding encode(String text, int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must be >= 2, got " + maxTokens);
        }
        List<String> pieces = wordPieces(text);
        int kept = Math.min(pieces.size(), maxTokens - 2);
        int[] ids = new int[kept + 2];
        ids[0] = clsId;
        for (int i = 0; i < kept; i++) {
            ids[i + 1] = vocab.get(pieces.get(i));
        }
        ids[kept + 1] = sepId;
        return new Encoding(ids, pieces.size() - kept);
    }

    /** The WordPiece tokens of {@code text}, without special tokens and without truncation. */
    public List<String> wordPieces(String text) {
        List<String> out = new ArrayList<>();
        for (String word : words(normalize(text))) {
            appendPieces(word, out);
        }
        return out;
    }

    /** Steps 1–4: the normalised text. */
    public String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (settings.cleanText()) {
                if (cp == 0 || cp == 0xFFFD || CharClasses.isControl(cp)) {
                    continue;
                }
                if (CharClasses.isWhitespace(cp)) {
                    cp = ' ';
                }
            }
            if (settings.handleChineseChars() && CharClasses.isCjkIdeograph(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String s = sb.toString();
        if (settings.stripAccents()) {
            s = stripAccents(s);
        }
        if (settings.lowercase()) {
            s = lowercase(s);
        }
        return s;
    }

    private static String stripAccents(String s) {
        if (isAscii(s)) {
            return s;
        }
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(nfd.length());
        for (int i = 0; i < nfd.length(); ) {
            int cp = nfd.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static String lowercase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                sb.append((char) (cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
            } else {
                // One code point at a time, so no context rule (final sigma) applies; a String
                // keeps one-to-many mappings such as U+0130 → "i̇".
                sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Step 5: words and punctuation marks of normalised text. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (CharClasses.isWhitespace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (CharClasses.isPunctuation(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
                out.add(s.substring(i, next));
            } else if (start < 0) {
                start = i;
            }
            i = next;
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Step 6: WordPiece of one word. */
    private void appendPieces(String word, List<String> out) {
        if (word.codePointCount(0, word.length()) > settings.maxInputCharsPerWord()) {
            out.add(settings.unkToken());
            return;
        }
        int mark = out.size();
        int start = 0;
        String prefix = settings.continuingSubwordPrefix();
        while (start < word.length()) {
            String found = null;
            int end = word.length();
            while (end > start) {
                String candidate = start == 0 ? word.substring(0, end) : prefix + word.substring(start, end);
                if (vocab.containsKey(candidate)) {
                    found = candidate;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.subList(mark, out.size()).clear();
                out.add(settings.unkToken());
                return;
            }
            out.add(found);
            start = end;
        }
    }

    /**
     * An encoded text.
     *
     * @param ids       {@code [CLS] … [SEP]} token ids
     * @param truncated number of word pieces dropped to fit the token limit
     */
    public record Encoding(int[] ids, int truncated) {
    }
}

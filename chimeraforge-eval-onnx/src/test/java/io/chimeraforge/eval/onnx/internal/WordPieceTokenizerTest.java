package io.chimeraforge.eval.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    static final WordPieceTokenizer BUNDLED = load();

    static WordPieceTokenizer load() {
        try (InputStream in = WordPieceTokenizerTest.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
            return TokenizerJson.read(in, TOKENIZER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsTheBundledTokenizerSettings() {
        assertThat(BUNDLED.vocabularySize()).isEqualTo(30522);
        assertThat(BUNDLED.clsId()).isEqualTo(101);
        assertThat(BUNDLED.sepId()).isEqualTo(102);
        assertThat(BUNDLED.unkId()).isEqualTo(100);
        assertThat(BUNDLED.settings()).isEqualTo(TokenizerSettings.uncased());
    }

    @Test
    void matchesHuggingFaceTokenizersOnEveryGoldenText() throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        try (InputStream in = getClass().getResourceAsStream("/golden/tokenizer-golden.jsonl")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : all.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rec = om.readTree(line);
                int maxTokens = rec.get("max_tokens").asInt();
                int[] expected = new int[rec.get("ids").size()];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = rec.get("ids").get(i).asInt();
                }
                String text = rec.get("text").asText();
                int[] actual = BUNDLED.encode(text, maxTokens == 0 ? Integer.MAX_VALUE : maxTokens).ids();
                if (!java.util.Arrays.equals(actual, expected)) {
                    mismatches.add(text);
                }
                count++;
            }
        }
        assertThat(count).isEqualTo(338);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void lowerCasesStripsAccentsAndSplitsPunctuation() {
        assertThat(BUNDLED.normalize("Café NAÏVE")).isEqualTo("cafe naive");
        assertThat(BUNDLED.wordPieces("Hello, World!")).containsExactly("hello", ",", "world", "!");
        assertThat(BUNDLED.wordPieces("don't")).containsExactly("don", "'", "t");
    }

    @Test
    void splitsUnknownWordsIntoContinuationPieces() {
        assertThat(BUNDLED.wordPieces("unbelievably")).containsExactly("un", "##bel", "##ie", "##va", "##bly");
    }

    @Test
    void isolatesCjkIdeographs() {
        assertThat(BUNDLED.wordPieces("中文")).containsExactly("中", "文");
    }

    @Test
    void dropsControlCharactersAndTreatsUnicodeSpacesAsSeparators() {
        assertThat(BUNDLED.wordPieces("a\u0000b\u200Bc")).containsExactly("abc");
        assertThat(BUNDLED.wordPieces("cat\u00A0dog\u3000bird")).containsExactly("cat", "dog", "bird");
    }

    @Test
    void wordsWithoutAPieceDecompositionOrTooLongBecomeUnknown() {
        assertThat(BUNDLED.wordPieces("ab\uD83D\uDE00cd")).containsExactly("[UNK]");
        assertThat(BUNDLED.wordPieces("a".repeat(101))).containsExactly("[UNK]");
        assertThat(BUNDLED.wordPieces("a".repeat(100))).doesNotContain("[UNK]");
    }

    @Test
    void specialTokenSpellingsInTextAreOrdinaryText() {
        int[] ids = BUNDLED.encode("a [SEP] b", 512).ids();
        assertThat(ids).startsWith(101).endsWith(102);
        assertThat(java.util.Arrays.stream(ids).filter(id -> id == 102).count()).isEqualTo(1);
    }

    @Test
    void truncatesToTheTokenLimitKeepingTheFirstPieces() {
        WordPieceTokenizer.Encoding full = BUNDLED.encode("one two three four five", 512);
        WordPieceTokenizer.Encoding cut = BUNDLED.encode("one two three four five", 4);
        assertThat(full.truncated()).isZero();
        assertThat(cut.ids()).containsExactly(101, full.ids()[1], full.ids()[2], 102);
        assertThat(cut.truncated()).isEqualTo(3);
        assertThat(BUNDLED.encode("", 2).ids()).containsExactly(101, 102);
        assertThatThrownBy(() -> BUNDLED.encode("x", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTokens");
    }

    @Test
    void smallVocabularyWithCustomSettings() {
        TokenizerSettings cased = new TokenizerSettings(true, false, false, false, "<unk>", "<s>", "</s>", "@@", 10);
        WordPieceTokenizer t = new WordPieceTokenizer(
                Map.of("<unk>", 0, "<s>", 1, "</s>", 2, "Ab", 3, "@@c", 4, "ab", 5, "中", 6), cased);
        assertThat(t.wordPieces("Abc abc abd")).containsExactly("Ab", "@@c", "ab", "@@c", "<unk>");
        assertThat(t.wordPieces("中中")).containsExactly("<unk>");
        assertThat(t.encode("Ab", 10).ids()).containsExactly(1, 3, 2);
        assertThatThrownBy(() -> new WordPieceTokenizer(Map.of("<s>", 1), cased))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<unk>");
    }

    @Test
    void rejectsTokenizersThatAreNotBertWordPiece() {
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BPE");
        assertThatThrownBy(() -> read("{\"normalizer\":{\"type\":\"NFKC\"},"
                + "\"model\":{\"type\":\"WordPiece\",\"vocab\":{\"[UNK]\":0,\"[CLS]\":1,\"[SEP]\":2}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NFKC");
        assertThatThrownBy(() -> read("{\"model\":{\"type\":\"WordPiece\",\"vocab\":{}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vocab");
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsCasedSettingsFromJson() throws IOException {
        WordPieceTokenizer t = read("{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":false,"
                + "\"strip_accents\":null,\"clean_text\":true,\"handle_chinese_chars\":true},"
                + "\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},"
                + "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"max_input_chars_per_word\":7,"
                + "\"vocab\":{\"[UNK]\":0,\"[CLS]\":1,\"[SEP]\":2,\"Café\":3}}}");
        assertThat(t.settings().lowercase()).isFalse();
        assertThat(t.settings().stripAccents()).isFalse();
        assertThat(t.settings().maxInputCharsPerWord()).isEqualTo(7);
        assertThat(t.wordPieces("Café café")).containsExactly("Café", "[UNK]");
    }

    private static WordPieceTokenizer read(String json) throws IOException {
        return TokenizerJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}

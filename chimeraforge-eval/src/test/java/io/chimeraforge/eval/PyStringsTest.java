package io.chimeraforge.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.eval.internal.PyStrings;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

/** Python str semantics the scores depend on. */
class PyStringsTest {

    @Test
    void whitespaceIsPythonsSet() {
        // Python 3.11: [c for c in range(0x110000) if chr(c).isspace()]
        int[] python = {0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
            0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f,
            0x3000};
        int count = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (PyStrings.isSpace(cp)) {
                assertThat(python).as("U+%04X", cp).contains(cp);
                count++;
            }
        }
        assertThat(count).isEqualTo(python.length);
        assertThat(PyStrings.isSpace(0x200b)).as("zero-width space is not whitespace").isFalse();
    }

    @Test
    void splitStripAndSplitLinesMatchPython() {
        assertThat(PyStrings.split("alpha\u2003beta\u0085gamma")).containsExactly("alpha", "beta", "gamma");
        assertThat(PyStrings.split("alpha\u001fbeta")).containsExactly("alpha", "beta");
        assertThat(PyStrings.split("foo\u200bbar")).containsExactly("foo\u200bbar");
        assertThat(PyStrings.split("  ")).isEmpty();
        assertThat(PyStrings.strip("\u00a0\u3000 x y \u0085")).isEqualTo("x y");
        assertThat(PyStrings.splitLines("a\r\nb\rc\nd\u2028e\u000bf\u001cg\u0085h\n")).containsExactly(
                "a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(PyStrings.splitLines("a\n\nb")).containsExactly("a", "", "b");
        assertThat(PyStrings.splitLines("")).isEmpty();
        assertThat(PyStrings.splitLines("a\u001fb")).containsExactly("a\u001fb"); // \x1f splits words, not lines
    }

    @Test
    void lengthAndLowerFollowPython() {
        assertThat(PyStrings.length("pizza \uD83C\uDF55")).isEqualTo(7);
        assertThat(PyStrings.lower("\u0130stanbul")).isEqualTo("i\u0307stanbul");
        assertThat(PyStrings.lower("\u039f\u0394\u039f\u03a3")).isEqualTo("\u03bf\u03b4\u03bf\u03c2");
        assertThat(PyStrings.lower("STRASSE")).isEqualTo("strasse");
        assertThat(PyStrings.head("\uD83D\uDE00\uD83D\uDE00abc", 3)).isEqualTo("\uD83D\uDE00\uD83D\uDE00a");
    }

    @Property
    void stripIsIdempotentAndSplitTokensHaveNoWhitespace(
            @ForAll @Chars({' ', '\u00a0', '\u0085', '\u2003', '\u001f', 'a', 'b', '\n'}) @CharRange(from = 'x', to = 'z')
            String s) {
        String stripped = PyStrings.strip(s);
        assertThat(PyStrings.strip(stripped)).isEqualTo(stripped);
        for (String token : PyStrings.split(s)) {
            assertThat(token).isNotEmpty();
            assertThat(token.codePoints().noneMatch(PyStrings::isSpace)).isTrue();
        }
        assertThat(String.join("", PyStrings.split(s))).isEqualTo(s.codePoints().filter(c -> !PyStrings.isSpace(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }
}

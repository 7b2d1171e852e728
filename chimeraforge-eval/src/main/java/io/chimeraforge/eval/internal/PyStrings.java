package io.chimeraforge.eval.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Python {@code str} semantics the reference's scores depend on: whitespace for {@code split()} and
 * {@code strip()}, line breaks for {@code splitlines()}, code-point lengths and lower-casing.
 *
 * <p>Java's own helpers disagree in small ways that change scores: {@code String.strip()} keeps
 * U+00A0, U+2007 and U+202F, {@code Character.isWhitespace} misses U+0085, and {@code \\s} in a
 * regex is ASCII-only by default. The tables below are Python 3.11's {@code str.isspace()} and
 * {@code str.splitlines()} sets, written out so the behaviour does not drift with the JDK's Unicode
 * version.
 */
public final class PyStrings {

    private PyStrings() {
    }

    /** True for exactly the code points Python's {@code str.isspace()} accepts (core's definition). */
    public static boolean isSpace(int cp) {
        return io.chimeraforge.core.PyStrings.isPythonWhitespace(cp);
    }

    /** True for the code points at which Python's {@code str.splitlines()} breaks a line. */
    public static boolean isLineBreak(int cp) {
        return (cp >= 0x0A && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1E) || cp == 0x85 || cp == 0x2028
                || cp == 0x2029;
    }

    /** Python {@code s.strip()} with no argument (core's implementation). */
    public static String strip(String s) {
        return io.chimeraforge.core.PyStrings.strip(s);
    }

    /** Python {@code s.split()} with no argument: runs of whitespace separate, no empty tokens. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = s.codePointAt(i);
                if (isSpace(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    /** Python {@code s.splitlines()}: {@code \r\n} is one break; a trailing break adds no empty line. */
    public static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        int start = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isLineBreak(c)) {
                out.add(s.substring(start, i));
                i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Python {@code len(s)}: code points, so an emoji outside the BMP counts once. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Python {@code s.lower()}: full, locale-independent Unicode lower-casing. {@link Locale#ROOT}
     * keeps the Turkish dotted-I and the final-sigma rule the way Python applies them.
     */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The first {@code codePoints} code points of {@code s} (Python {@code s[:n]}). */
    public static String head(String s, int codePoints) {
        if (codePoints <= 0) {
            return "";
        }
        if (s.length() <= codePoints) {
            return s;
        }
        int count = s.codePointCount(0, s.length());
        if (count <= codePoints) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, codePoints));
    }
}

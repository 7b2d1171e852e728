package io.chimeraforge.core;

/** Python's notion of whitespace for {@code str.strip()}, which is wider than Java's {@code strip()}. */
public final class PyStrings {

    private PyStrings() {
    }

    /** Whether Python's {@code str.isspace()} holds for this code point. */
    public static boolean isPythonWhitespace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        if (cp < 0x85) {
            return false; // the common case in scoring loops: printable ASCII
        }
        switch (cp) {
            case 0x85: case 0xA0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200A;
        }
    }

    /** Python's {@code str.strip()} with no argument. */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isPythonWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }
    /**
     * Python's {@code str.splitlines()}: splits at {@code \n}, {@code \r}, {@code \r\n}, and at
     * {@code \u000B}, {@code \u000C}, {@code \u001C}-{@code \u001E}, {@code \u0085}, {@code \u2028}
     * and {@code \u2029}; the breaks are dropped and no empty last line is produced for a
     * trailing break.
     */
    public static java.util.List<String> splitLines(String text) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1E)
                    || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (!lineBreak) {
                i++;
                continue;
            }
            lines.add(text.substring(start, i));
            i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
            start = i;
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}

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
}

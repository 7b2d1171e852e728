package io.chimeraforge.report.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** Python's {@code int(str)} and {@code repr(str)}, as far as the reference's compare needs them. */
public final class PyIntLiteral {

    /** Surrounding whitespace, a sign, digits with single underscores between them. */
    private static final Pattern INT = Pattern.compile("[+-]?\\d+(_\\d+)*");

    private PyIntLiteral() {
    }

    /** The value of {@code text} as Python's {@code int()} reads it, or empty where it raises. */
    public static Optional<Integer> parse(String text) {
        String t = text.strip();
        if (!INT.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(t.replace("_", "")));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** Python's {@code repr} of a string: single quotes unless it holds one and no double quote. */
    public static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(quote).toString();
    }
}

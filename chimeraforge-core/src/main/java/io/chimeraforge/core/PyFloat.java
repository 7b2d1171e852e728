package io.chimeraforge.core;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Parses a number the way Python's {@code float(str)} does, so a size class such as
 * {@code "1_000b"} or {@code " 3 "} is read as the reference reads it, while Java-only
 * spellings ({@code "3d"}, {@code "0x10"}) are refused as Python refuses them.
 */
public final class PyFloat {

    private static final String DIGITS = "\\d(?:_?\\d)*";
    private static final Pattern SYNTAX = Pattern.compile(
            "[+-]?(?:(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\." + DIGITS + ")(?:[eE][+-]?" + DIGITS + ")?"
                    + "|inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    private PyFloat() {
    }

    /** The value, or empty when Python's {@code float()} would raise. */
    public static OptionalDouble parse(String text) {
        String stripped = PyStrings.strip(text);
        if (!SYNTAX.matcher(stripped).matches()) {
            return OptionalDouble.empty();
        }
        StringBuilder ascii = new StringBuilder(stripped.length());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c == '_') {
                continue;
            }
            ascii.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
        }
        String normalised = ascii.toString().toLowerCase(java.util.Locale.ROOT);
        String unsigned = normalised.replaceFirst("^[+-]", "");
        boolean negative = normalised.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (unsigned.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        return OptionalDouble.of(Double.parseDouble(normalised));
    }
}

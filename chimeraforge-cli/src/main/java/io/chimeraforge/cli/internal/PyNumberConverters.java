package io.chimeraforge.cli.internal;

import java.math.BigInteger;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Option converters that accept exactly what the reference CLI accepts ({@code float()} and
 * {@code int()} syntax, underscores and surrounding whitespace included) and reject the rest as
 * usage errors (exit 2).
 */
public final class PyNumberConverters {

    private static final Pattern INT = Pattern.compile("[+-]?\\d(?:_?\\d)*", Pattern.UNICODE_CHARACTER_CLASS);

    private PyNumberConverters() {
    }

    /** Python {@code float()} syntax, including {@code nan} and {@code inf} (range-checked later). */
    public static final class Float implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            OptionalDouble parsed = io.chimeraforge.core.PyFloat.parse(value);
            if (parsed.isEmpty()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a valid float.");
            }
            return parsed.getAsDouble();
        }
    }

    /** Python {@code int()} syntax; any size (range-checked later). */
    public static final class Int implements CommandLine.ITypeConverter<BigInteger> {
        @Override
        public BigInteger convert(String value) {
            String stripped = io.chimeraforge.core.PyStrings.strip(value);
            if (!INT.matcher(stripped).matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a valid integer.");
            }
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < stripped.length(); i++) {
                char c = stripped.charAt(i);
                if (c != '_') {
                    digits.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
                }
            }
            return new BigInteger(digits.toString());
        }
    }
}

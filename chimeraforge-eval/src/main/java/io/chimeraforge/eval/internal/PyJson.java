package io.chimeraforge.eval.internal;

import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of {@code Map} (insertion-ordered), {@code List}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null} exactly as Python's {@code json.dumps(obj, indent=n)} does with
 * its defaults: {@code ": "} after keys, ASCII-only output with lower-case {@code \\uXXXX} escapes,
 * floats in {@code repr} form ({@code NaN} and {@code Infinity} spelled as Python spells them),
 * {@code []} / {@code {}} for empty containers.
 */
public final class PyJson {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private PyJson() {
    }

    /** The document with {@code indent} spaces per level; a negative indent gives one line. */
    public static String write(Object value, int indent) {
        StringBuilder out = new StringBuilder();
        write(out, value, indent, 0);
        return out.toString();
    }

    /** Python's {@code datetime.now(timezone.utc).isoformat()} form of an instant. */
    public static String isoTimestamp(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        String base = SECONDS.format(micros);
        int nanos = micros.getNano();
        if (nanos != 0) {
            base += String.format(".%06d", nanos / 1000);
        }
        return base + "+00:00";
    }

    private static void write(StringBuilder out, Object value, int indent, int level) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            out.append(number(((Number) value).doubleValue()));
        } else if (value instanceof Number n) {
            out.append(n.longValue());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(indent >= 0 ? "," : ", ");
                }
                first = false;
                newline(out, indent, level + 1);
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), indent, level + 1);
            }
            newline(out, indent, level);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(indent >= 0 ? "," : ", ");
                }
                first = false;
                newline(out, indent, level + 1);
                write(out, item, indent, level + 1);
            }
            newline(out, indent, level);
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyNumbers.repr(d);
    }

    private static void newline(StringBuilder out, int indent, int level) {
        if (indent >= 0) {
            out.append('\n');
            out.append(" ".repeat(indent * level));
        }
    }

    private static void string(StringBuilder out, String s) {
        Json.appendQuoted(out, s, true);
    }
}

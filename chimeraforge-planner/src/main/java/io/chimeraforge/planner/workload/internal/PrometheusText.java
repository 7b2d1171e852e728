package io.chimeraforge.planner.workload.internal;

import io.chimeraforge.core.PyFloat;
import io.chimeraforge.core.PyStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format, read as the reference reads it: one sample per line,
 * {@code name{labels} value}; comments, blank lines, unparseable values and lines with a trailing
 * timestamp are skipped.
 */
public final class PrometheusText {

    /** One sample: its labels and value. */
    public record Sample(Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)", Pattern.UNICODE_CHARACTER_CLASS);

    private PrometheusText() {
    }

    /** Samples by metric name, in the order first seen. */
    public static Map<String, List<Sample>> parse(String text) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (String raw : PyStrings.splitLines(text)) {
            String line = PyStrings.strip(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            OptionalDouble value = PyFloat.parse(m.group(3));
            if (value.isEmpty()) {
                continue;
            }
            samples.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                    .add(new Sample(labels(m.group(2)), value.getAsDouble()));
        }
        return samples;
    }

    private static Map<String, String> labels(String braces) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (braces == null) {
            return labels;
        }
        for (String part : braces.substring(1, braces.length() - 1).split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            labels.put(PyStrings.strip(part.substring(0, eq)), unquote(PyStrings.strip(part.substring(eq + 1))));
        }
        return labels;
    }

    /** Python's {@code s.strip('"')}. */
    private static String unquote(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '"') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '"') {
            end--;
        }
        return s.substring(start, end);
    }
}

package io.chimeraforge.testkit.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header fields of one request: names compared case-insensitively (RFC 9110 §5.1), values
 * kept in arrival order with repeated names collected.
 */
public final class Headers {

    private final Map<String, List<String>> byName = new LinkedHashMap<>();

    Headers() {
    }

    void add(String name, String value) {
        byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    }

    /** Whether a field with this name was present (even with an empty value). */
    public boolean contains(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Every field line's value for this name, in arrival order; empty when absent. */
    public List<String> values(String name) {
        List<String> v = byName.get(name.toLowerCase(Locale.ROOT));
        return v == null ? List.of() : Collections.unmodifiableList(v);
    }

    /**
     * The comma-separated list elements of every field line with this name, trimmed and lower-cased
     * (for list-valued fields such as {@code Connection} and {@code Transfer-Encoding}).
     */
    public List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        for (String line : values(name)) {
            for (String element : line.split(",")) {
                String t = element.trim();
                if (!t.isEmpty()) {
                    out.add(t.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** Every field as name (lower-cased) → value, repeated lines joined with {@code ", "}, in arrival order. */
    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        byName.forEach((name, values) -> out.put(name, String.join(", ", values)));
        return out;
    }
}

package io.chimeraforge.bench.internal.http;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An unmodifiable, ordered header map whose {@code toString} shows names only: extra headers
 * usually carry credentials ({@code Authorization}), and configurations get logged.
 */
public final class RedactedHeaders extends AbstractMap<String, String> {

    private final Map<String, String> values;

    private RedactedHeaders(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An unmodifiable copy of {@code headers}, each checked by {@link HeaderRules}. */
    public static Map<String, String> of(Map<String, String> headers) {
        if (headers instanceof RedactedHeaders r) {
            return r;
        }
        headers.forEach(HeaderRules::check);
        return new RedactedHeaders(headers);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return values.entrySet();
    }

    @Override
    public String toString() {
        return values.keySet().stream().map(name -> name + "=<redacted>").collect(Collectors.joining(", ", "{", "}"));
    }
}

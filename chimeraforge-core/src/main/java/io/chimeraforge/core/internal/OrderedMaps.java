package io.chimeraforge.core.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Immutable copies that keep insertion order ({@code Map.copyOf} does not, and order is data here). */
public final class OrderedMaps {
    private OrderedMaps() {
    }

    /** An unmodifiable, insertion-ordered copy; null keys and values are refused. */
    public static <K, V> Map<K, V> copyOf(Map<K, V> source, String what) {
        Objects.requireNonNull(source, what);
        Map<K, V> copy = new LinkedHashMap<>(source.size() * 2);
        source.forEach((k, v) -> copy.put(Objects.requireNonNull(k, what + " key"),
                Objects.requireNonNull(v, what + " value")));
        return Collections.unmodifiableMap(copy);
    }
}

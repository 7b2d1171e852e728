package io.chimeraforge.bench.internal;

import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.core.model.ModelIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resolves quantization levels to the model tags a server lists (Ollama {@code /api/tags}).
 *
 * <p>A listed tag belongs to the requested base model when its name (before {@code :}) equals
 * the base model's name, ignoring case, and — when the base model names a tag other than
 * {@code latest} — its tag equals that tag or starts with it followed by {@code -} (so
 * {@code llama3.2:1b} owns {@code llama3.2:1b-instruct-q4_K_M} but not
 * {@code llama3.2:3b-instruct-q4_K_M}). Its level is {@link ModelIdentity#parseQuant} of the
 * tag part; tags without a recognisable quant suffix are skipped. When several tags carry the
 * same level the shortest wins, then the alphabetically first, so the choice is deterministic.
 */
public final class QuantResolver {

    private QuantResolver() {
    }

    /** Outcome: level → tag in sweep order, and the levels that were asked for but are not listed. */
    public record Resolution(Map<String, String> tags, List<String> missing, List<String> available) {
        /** Copies. */
        public Resolution {
            tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
            missing = List.copyOf(missing);
            available = List.copyOf(available);
        }
    }

    /**
     * Resolves {@code requested} levels (empty: every level listed for the model) against
     * {@code listed} tags. Every level in the result maps to a listed tag.
     */
    public static Resolution resolve(String baseModel, List<String> listed, List<String> requested) {
        Map<String, String> byLevel = new TreeMap<>();
        for (String tag : listed) {
            Optional<String> tagPart = owned(baseModel, tag);
            if (tagPart.isEmpty()) {
                continue;
            }
            Optional<String> level = ModelIdentity.parseQuant(tagPart.get());
            if (level.isEmpty()) {
                continue;
            }
            byLevel.merge(level.get(), tag, (a, b) -> PREFERENCE.compare(a, b) <= 0 ? a : b);
        }
        List<String> available = new ArrayList<>(byLevel.keySet());
        available.sort(LEVEL_ORDER);
        Map<String, String> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> wanted = requested.isEmpty() ? available : requested;
        for (String level : wanted) {
            String key = level.toUpperCase(Locale.ROOT);
            String tag = byLevel.get(key);
            if (tag == null) {
                missing.add(key);
            } else {
                out.put(key, tag);
            }
        }
        return new Resolution(out, missing, available);
    }

    /** The tag part of {@code listed} when it belongs to {@code baseModel}. */
    static Optional<String> owned(String baseModel, String listed) {
        String[] base = split(baseModel);
        String[] cand = split(listed);
        if (!base[0].equalsIgnoreCase(cand[0])) {
            return Optional.empty();
        }
        String baseTag = base[1];
        if (baseTag.isEmpty() || baseTag.equalsIgnoreCase("latest")) {
            return Optional.of(cand[1]);
        }
        String tag = cand[1].toLowerCase(Locale.ROOT);
        String want = baseTag.toLowerCase(Locale.ROOT);
        return tag.equals(want) || tag.startsWith(want + "-") ? Optional.of(cand[1]) : Optional.empty();
    }

    private static String[] split(String model) {
        String m = model.strip();
        int colon = m.lastIndexOf(':');
        // A colon inside a registry host:port (before a '/') is not a tag separator.
        if (colon < 0 || m.indexOf('/', colon) >= 0) {
            return new String[] {m, ""};
        }
        return new String[] {m.substring(0, colon), m.substring(colon + 1)};
    }

    private static final Comparator<String> PREFERENCE =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    /** The reference's level order (highest precision first), unknown-to-it levels after, by name. */
    private static final Comparator<String> LEVEL_ORDER = Comparator
            .comparingInt((String l) -> {
                int i = BenchConfig.QUANT_LEVELS.indexOf(l);
                return i < 0 ? Integer.MAX_VALUE : i;
            })
            .thenComparing(Comparator.naturalOrder());
}

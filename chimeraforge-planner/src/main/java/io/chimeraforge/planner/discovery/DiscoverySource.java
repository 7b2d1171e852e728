package io.chimeraforge.planner.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Where {@link Suggester} looks for candidate model ids. */
public enum DiscoverySource {
    /** The models installed in a local Ollama ({@code /api/tags}). */
    OLLAMA("ollama"),
    /** The most-downloaded text-generation models on the Hugging Face Hub. */
    HF("hf"),
    /** The local catalog file ({@code <cache>/catalog.json}); no network call. */
    CATALOG("catalog");

    private final String id;

    DiscoverySource(String id) {
        this.id = id;
    }

    /** The lower-case name used in comma lists, e.g. {@code "hf"}. */
    public String id() {
        return id;
    }

    /** The source with this exact id. */
    public static Optional<DiscoverySource> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /**
     * Parses a comma list such as {@code "ollama,hf"}: entries are trimmed and lower-cased, blanks skipped.
     *
     * @throws UnknownSourceException naming every entry that is not a source (or when none is given)
     */
    public static Set<DiscoverySource> parseList(String commaList) {
        Set<DiscoverySource> out = EnumSet.noneOf(DiscoverySource.class);
        List<String> unknown = new ArrayList<>();
        for (String part : commaList.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            fromId(name).ifPresentOrElse(out::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty() || out.isEmpty()) {
            throw new UnknownSourceException(unknown.isEmpty() ? List.of(commaList) : unknown);
        }
        return out;
    }
}

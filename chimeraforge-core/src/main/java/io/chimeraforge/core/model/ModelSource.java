package io.chimeraforge.core.model;

import java.util.Locale;

/** Where a model's facts came from. */
public enum ModelSource {
    /** One of the bundled registry models. */
    REGISTRY("registry"),
    /** An identifier approximated to a registry model by family and size (offline). */
    REGISTRY_APPROX("registry-approx"),
    /** Read from an Ollama server's {@code /api/show}. */
    OLLAMA("ollama"),
    /** Read from a Hugging Face {@code config.json}. */
    HF("hf"),
    /** Given by the user (manual overrides). */
    MANUAL("manual"),
    /** Read from the on-disk spec cache. */
    CACHE("cache");

    private final String id;

    ModelSource(String id) {
        this.id = id;
    }

    /** The identifier written to output ({@code "registry-approx"}). */
    public String id() {
        return id;
    }

    /** Parses an identifier such as {@code "hf"} (case-insensitive). */
    public static ModelSource fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (ModelSource source : values()) {
            if (source.id.equals(wanted)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown model source '" + id + "'");
    }
}

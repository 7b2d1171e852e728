package io.chimeraforge.core.quant;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The serving backends the planner evaluates, in evaluation (tie-break) order. */
public enum Backend {
    OLLAMA("ollama", false, EnumSet.of(FormatFamily.FLOAT, FormatFamily.GGUF)),
    VLLM("vllm", true, EnumSet.of(FormatFamily.FLOAT, FormatFamily.FP8, FormatFamily.W4A16)),
    TGI("tgi", true, EnumSet.of(FormatFamily.FLOAT, FormatFamily.FP8, FormatFamily.W4A16)),
    SGLANG("sglang", true, EnumSet.of(FormatFamily.FLOAT, FormatFamily.FP8, FormatFamily.W4A16));

    private static final List<Backend> ORDER = List.of(values());

    private final String id;
    private final boolean continuousBatching;
    private final Set<FormatFamily> formats;

    Backend(String id, boolean continuousBatching, Set<FormatFamily> formats) {
        this.id = id;
        this.continuousBatching = continuousBatching;
        this.formats = formats;
    }

    /** Lower-case identifier as used in corpus keys and output ({@code "vllm"}). */
    public String id() {
        return id;
    }

    /**
     * The URL a server of this engine listens on by default: Ollama {@code http://localhost:11434},
     * vLLM {@code :8000}, TGI {@code :8080}, SGLang {@code :30000}.
     */
    public java.net.URI defaultBaseUrl() {
        return java.net.URI.create(switch (this) {
            case OLLAMA -> "http://localhost:11434";
            case VLLM -> "http://localhost:8000";
            case TGI -> "http://localhost:8080";
            case SGLANG -> "http://localhost:30000";
        });
    }

    /** Whether the engine batches concurrent sequences continuously (vLLM, TGI, SGLang). */
    public boolean continuousBatching() {
        return continuousBatching;
    }

    /** Whether the engine loads checkpoints of this family. */
    public boolean serves(FormatFamily family) {
        return formats.contains(family);
    }

    /** All backends in evaluation order: ollama, vllm, tgi, sglang. */
    public static List<Backend> evaluationOrder() {
        return ORDER;
    }

    /** The backend with this identifier (case-insensitive). */
    public static Optional<Backend> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Backend backend : ORDER) {
            if (backend.id.equals(wanted)) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }
}

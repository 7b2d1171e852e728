package io.chimeraforge.bench;

import java.net.URI;
import java.util.Locale;

/**
 * The backends the reference names, with their default base URLs (spec §1.1).
 *
 * @deprecated the SDK has one backend enum, {@link io.chimeraforge.core.quant.Backend} (which
 *             also names SGLang); {@link BenchConfig.Builder#backend(io.chimeraforge.core.quant.Backend)}
 *             takes it. Kept so code written against this enum still compiles; {@link #core()} maps it.
 */
@Deprecated
public enum Backend {
    /** Ollama, {@code http://localhost:11434}. */
    OLLAMA("ollama", "http://localhost:11434"),
    /** vLLM or any OpenAI-compatible server, {@code http://localhost:8000}. */
    VLLM("vllm", "http://localhost:8000"),
    /** Hugging Face TGI, {@code http://localhost:8080}. */
    TGI("tgi", "http://localhost:8080");

    private final String id;
    private final URI defaultBaseUrl;

    Backend(String id, String defaultBaseUrl) {
        this.id = id;
        this.defaultBaseUrl = URI.create(defaultBaseUrl);
    }

    /** The name written in result files. */
    public String id() {
        return id;
    }

    /** The same backend in the SDK's one enum. */
    public io.chimeraforge.core.quant.Backend core() {
        return io.chimeraforge.core.quant.Backend.valueOf(name());
    }

    /** Default base URL. */
    public URI defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /**
     * The backend for a name ({@code ollama}, {@code vllm}, {@code tgi}; case-insensitive).
     *
     * @throws BenchException with the reference's message {@code Unknown backend: <name>. Available: [...]}
     */
    public static Backend fromId(String name) {
        for (Backend b : values()) {
            if (b.id.equals(name.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new BenchException(BenchException.Kind.USAGE,
                "Unknown backend: " + name + ". Available: ['ollama', 'vllm', 'tgi']");
    }
}

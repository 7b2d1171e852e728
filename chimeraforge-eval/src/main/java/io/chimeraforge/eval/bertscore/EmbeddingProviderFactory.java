package io.chimeraforge.eval.bertscore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A {@link ServiceLoader} service that makes an {@link EmbeddingProvider} available without a
 * compile-time dependency on its module: a module with a model runtime (for example
 * {@code chimeraforge-eval-onnx}) registers an implementation in
 * {@code META-INF/services/io.chimeraforge.eval.bertscore.EmbeddingProviderFactory}, and a front end
 * finds it with {@link #installed()} or {@link #find(String)}.
 *
 * <pre>{@code
 * Optional<EmbeddingProviderFactory> factory = EmbeddingProviderFactory.find("all-MiniLM-L6-v2-q");
 * }</pre>
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct; the
 * model is loaded by {@link #create()} only.
 */
public interface EmbeddingProviderFactory {

    /** The name to select this factory by, e.g. {@code all-MiniLM-L6-v2-q}; non-blank, unique. */
    String name();

    /** One line for help text and logs: model, runtime, what its scores compare with. */
    String description();

    /**
     * Creates a provider (loads the model: slow, and may hold native memory). If the provider is
     * {@link AutoCloseable}, the caller closes it when done.
     *
     * @throws RuntimeException (an {@code io.chimeraforge.eval.EvalException} in this project's
     *                          modules) when the model cannot be loaded
     */
    EmbeddingProvider create();

    /** The factories on the thread's context class path, sorted by name. */
    static List<EmbeddingProviderFactory> installed() {
        List<EmbeddingProviderFactory> out = new ArrayList<>();
        ServiceLoader.load(EmbeddingProviderFactory.class).forEach(out::add);
        out.sort(Comparator.comparing(EmbeddingProviderFactory::name));
        return List.copyOf(out);
    }

    /** The installed factory called {@code name}, if any. */
    static Optional<EmbeddingProviderFactory> find(String name) {
        return installed().stream().filter(f -> f.name().equals(name)).findFirst();
    }
}

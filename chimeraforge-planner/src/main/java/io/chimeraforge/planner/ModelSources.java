package io.chimeraforge.planner;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.internal.resolve.HttpFetch;
import io.chimeraforge.planner.internal.resolve.SourceParsers;
import io.chimeraforge.planner.internal.resolve.SpecCache;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a {@link ModelResolver} may look beyond the bundled registry: the spec cache, Hugging Face
 * ({@code config.json} and the safetensors parameter total) and a local Ollama ({@code /api/show}).
 *
 * <pre>{@code
 * ModelSources sources = ModelSources.builder().cacheDirectory(Path.of(System.getProperty("user.home"), ".cache/chimeraforge"))
 *         .hfToken(System.getenv("HF_TOKEN")).build();
 * ModelResolver resolver = ModelResolver.withSources(ModelRegistry.bundled(), sources);
 * }</pre>
 *
 * <p>A token is sent only to the Hugging Face host (never after a redirect to another host). Every
 * exchange is HTTP/1.1 with one deadline for the whole answer (15 s by default). Resolved specs are
 * cached atomically under {@code <cache>/specs/} and, by default, expire after 30 days. Immutable.
 */
public final class ModelSources {

    /** Hugging Face's address. */
    public static final URI HUGGING_FACE = URI.create("https://huggingface.co");
    /** Where Ollama listens by default. */
    public static final URI DEFAULT_OLLAMA = URI.create("http://localhost:11434");
    /** Default time for one exchange, redirects and body included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final boolean network;
    private final URI hub;
    private final Optional<URI> ollamaUrl;
    private final Optional<String> hfToken;
    private final Optional<SpecCache> cache;
    private final Clock clock;
    private final HttpFetch http;

    private ModelSources(Builder b) {
        this.network = b.network;
        this.hub = b.hub;
        this.ollamaUrl = b.ollamaUrl;
        this.hfToken = b.hfToken;
        this.cache = b.cacheDirectory.map(dir -> new SpecCache(dir, b.compat));
        this.clock = b.clock;
        this.http = new HttpFetch(b.timeout);
    }

    /** A builder: network on, Hugging Face at its public address, Ollama on localhost, no cache, no token. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Ollama address given explicitly, if any. */
    public Optional<URI> ollamaUrl() {
        return ollamaUrl;
    }

    /** Whether network sources may be contacted. */
    public boolean network() {
        return network;
    }

    /**
     * The cache, then (with the network) Hugging Face for a repository id or Ollama for a tag. A
     * Hugging Face failure is an error; an Ollama failure is noted and resolution falls back to the
     * offline approximation.
     */
    Optional<ModelSpec> resolve(String id, ModelRegistry registry, boolean hfRepo, boolean ollama, List<String> notes) {
        LocalDate today = LocalDate.now(clock);
        if (cache.isPresent()) {
            Optional<ModelSpec> cached = cache.get().load(id, today);
            if (cached.isPresent()) {
                return cached;
            }
        }
        if (network && hfRepo) {
            ModelSpec spec = fromHuggingFace(id, registry);
            cache.ifPresent(c -> c.store(id, spec, today));
            return Optional.of(spec);
        }
        if (network && ollama) {
            String tag = id.startsWith("ollama:") ? id.substring("ollama:".length()) : id;
            try {
                ModelSpec spec = fromOllama(tag, registry);
                cache.ifPresent(c -> c.store(id, spec, today));
                return Optional.of(spec);
            } catch (ModelResolutionException e) {
                notes.add(e.getMessage() + "; falling back to the offline approximation");
            }
        }
        return Optional.empty();
    }

    private ModelSpec fromHuggingFace(String repo, ModelRegistry registry) {
        URI config = hub.resolve("/" + repo + "/resolve/main/config.json");
        HttpFetch.Reply reply;
        try {
            reply = http.fetch(config, Optional.empty(), hfToken);
        } catch (IOException e) {
            throw failure(repo, "could not fetch HF metadata for '" + repo + "': " + e.getMessage());
        }
        int status = reply.status();
        if (status == 401 || status == 403) {
            boolean gated = reply.header("x-error-code").filter("GatedRepo"::equals).isPresent();
            throw failure(repo, gated ? "HF repo '" + repo + "' is gated; set HF_TOKEN (or give a Hugging Face token)."
                    : "HF repo '" + repo + "' not found or not accessible (check the org/name; set HF_TOKEN if it is gated).");
        }
        if (status == 404) {
            throw failure(repo, "HF repo '" + repo + "' not found (check the org/name).");
        }
        if (status >= 400 || status < 200) {
            throw failure(repo, "could not fetch HF metadata for '" + repo + "': HTTP " + status);
        }
        JsonNode cfg = json(reply.body(), "HF returned a non-JSON response for '" + repo + "'", repo);
        try {
            return SourceParsers.fromHfConfig(repo, cfg, totalParams(repo), registry);
        } catch (SourceParsers.MissingFields e) {
            throw failure(repo, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw failure(repo, "HF config for '" + repo + "' is not usable: " + e.getMessage());
        }
    }

    /** {@code safetensors.total} from the model API, or empty on any failure (silently, as the reference). */
    private OptionalDouble totalParams(String repo) {
        URI api = hub.resolve("/api/models/" + repo + "?" + URLEncoder.encode("expand[]", StandardCharsets.UTF_8)
                + "=safetensors");
        try {
            HttpFetch.Reply reply = http.fetch(api, Optional.empty(), hfToken);
            if (reply.status() != 200) {
                return OptionalDouble.empty();
            }
            JsonNode total = Json.mapper().readTree(reply.body()).path("safetensors").path("total");
            return total.isNumber() ? OptionalDouble.of(total.asDouble()) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    private ModelSpec fromOllama(String tag, ModelRegistry registry) {
        URI base = ollamaUrl.orElse(DEFAULT_OLLAMA);
        String root = base.toString().replaceAll("/+$", "");
        HttpFetch.Reply reply;
        try {
            String body = Json.mapper().writeValueAsString(java.util.Map.of("name", tag));
            reply = http.fetch(URI.create(root + "/api/show"), Optional.of(body), Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            throw failure(tag, "could not reach Ollama at " + root + ": " + e.getMessage());
        }
        if (reply.status() >= 400) {
            throw failure(tag, "Ollama has no model '" + tag + "' (pull it first): HTTP " + reply.status());
        }
        JsonNode show = json(reply.body(), "Ollama returned a non-JSON response at " + root, tag);
        try {
            return SourceParsers.fromOllamaShow(tag, show, registry);
        } catch (SourceParsers.MissingFields e) {
            throw failure(tag, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw failure(tag, "Ollama's answer for '" + tag + "' is not usable: " + e.getMessage());
        }
    }

    private static JsonNode json(String body, String message, String id) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw failure(id, message + ": not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw failure(id, message + ": " + e.getMessage());
        }
    }

    private static ModelResolutionException failure(String id, String message) {
        return new ModelResolutionException(ModelResolutionException.Reason.SOURCE_FAILED, id, message);
    }

    /** Settings of {@link ModelSources}. */
    public static final class Builder {
        private boolean network = true;
        private URI hub = HUGGING_FACE;
        private Optional<URI> ollamaUrl = Optional.empty();
        private Optional<String> hfToken = Optional.empty();
        private Optional<Path> cacheDirectory = Optional.empty();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemDefaultZone();
        private Compat compat = Compat.defaults();

        private Builder() {
        }

        /** Whether Hugging Face and Ollama may be contacted; off leaves only the cache. Default on. */
        public Builder network(boolean value) {
            network = value;
            return this;
        }

        /** Hugging Face's base address (a mirror, or a test server). Default {@link #HUGGING_FACE}. */
        public Builder hubUrl(URI value) {
            hub = Objects.requireNonNull(value, "hubUrl");
            return this;
        }

        /** The Ollama server to ask; given, every non-repository id is looked up there. Default localhost:11434. */
        public Builder ollamaUrl(URI value) {
            ollamaUrl = Optional.of(Objects.requireNonNull(value, "ollamaUrl"));
            return this;
        }

        /** A Hugging Face token for gated repositories; null or blank means none. */
        public Builder hfToken(String value) {
            hfToken = value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
            return this;
        }

        /** The cache root; specs go to {@code <root>/specs/}. Default: no cache. */
        public Builder cacheDirectory(Path value) {
            cacheDirectory = Optional.of(Objects.requireNonNull(value, "cacheDirectory"));
            return this;
        }

        /** Time for one exchange, 1 ms..10 min. Default 15 s. */
        public Builder timeout(Duration value) {
            timeout = io.chimeraforge.planner.internal.Timeouts.require(value);
            return this;
        }

        /** The clock cache entries are dated by. Default: the system clock. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** {@link Compat#REFERENCE}: cache entries never expire and are not stamped, as in v0.30.0. */
        public Builder compat(Compat value) {
            compat = Objects.requireNonNull(value, "compat");
            return this;
        }

        /** The sources. */
        public ModelSources build() {
            return new ModelSources(this);
        }
    }
}

package io.chimeraforge.cli;

import io.chimeraforge.planner.ModelSources;
import java.net.URI;
import java.util.Optional;

/** The network settings {@code plan}, {@code suggest} and {@code catalog} share: the Hub address and an Ollama URL. */
final class DiscoveryOptions {

    private DiscoveryOptions() {
    }

    /** {@code HF_ENDPOINT} (a Hub mirror, as huggingface_hub reads it), else the public Hub. */
    static URI hubUrl(CliEnvironment environment) {
        Optional<String> endpoint = environment.variable("HF_ENDPOINT");
        if (endpoint.isEmpty()) {
            return ModelSources.HUGGING_FACE;
        }
        try {
            URI url = URI.create(endpoint.get().strip());
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new CliException("HF_ENDPOINT must be a URL, got '" + endpoint.get() + "'.");
        }
    }

    /** {@code --ollama-url} checked: an http(s) URL with a host. */
    static URI ollamaUrl(String given) {
        try {
            URI url = URI.create(given.strip());
            if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new CliException("--ollama-url must be an http(s) URL such as http://localhost:11434, got '"
                    + given + "'.");
        }
    }

    /** The sources for resolving discovered ids: network on, the spec cache, the token, the Hub and Ollama. */
    static ModelSources.Builder resolverSources(CliEnvironment environment, String hfToken, URI ollama) {
        return ModelSources.builder().cacheDirectory(environment.cacheDirectory()).clock(environment.clock())
                .hfToken(hfToken != null ? hfToken : environment.variable("HF_TOKEN").orElse(null))
                .hubUrl(hubUrl(environment)).ollamaUrl(ollama);
    }
}

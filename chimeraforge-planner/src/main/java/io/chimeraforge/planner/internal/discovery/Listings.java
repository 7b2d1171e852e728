package io.chimeraforge.planner.internal.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.planner.discovery.DiscoveryException;
import io.chimeraforge.planner.internal.resolve.HttpFetch;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two live listings discovery reads, through the resolver's HTTP layer (one deadline, capped
 * bodies). The Hub listing is anonymous: a token is for resolving gated repositories, not for
 * browsing (planner-extensions §0.2).
 */
public final class Listings {

    private final HttpFetch http;

    /** Listings over {@code http}. */
    public Listings(HttpFetch http) {
        this.http = http;
    }

    /** The {@code models[].name} values of {@code GET <base>/api/tags}, in the server's order. */
    public List<String> ollamaTags(URI base) {
        String root = base.toString().replaceAll("/+$", "");
        HttpFetch.Reply reply;
        try {
            reply = http.fetch(URI.create(root + "/api/tags"), Optional.empty(), Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            throw new DiscoveryException("could not list Ollama models at " + root + ": " + e.getMessage());
        }
        if (reply.status() >= 400 || reply.status() < 200) {
            throw new DiscoveryException("could not list Ollama models at " + root + ": HTTP " + reply.status());
        }
        JsonNode models = parse(reply.body(), "Ollama returned a non-JSON tag list at " + root).path("models");
        if (!models.isArray()) {
            throw new DiscoveryException("Ollama returned a non-JSON tag list at " + root + ": no 'models' array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode m : models) {
            if (m.path("name").isTextual() && !m.path("name").asText().isBlank()) {
                names.add(m.path("name").asText());
            }
        }
        return names;
    }

    /** The {@code [].id} values of the Hub's most-downloaded text-generation models, at most {@code limit}. */
    public List<String> hubTopModels(URI hub, int limit) {
        String root = hub.toString().replaceAll("/+$", "");
        URI url = URI.create(root + "/api/models?pipeline_tag=text-generation&sort=downloads&direction=-1&limit=" + limit);
        HttpFetch.Reply reply;
        try {
            reply = http.fetch(url, Optional.empty(), Optional.empty());
        } catch (IOException e) {
            throw new DiscoveryException("could not list HF models: " + e.getMessage());
        }
        if (reply.status() == 429) {
            throw new DiscoveryException("could not list HF models: HTTP 429 (rate limited by the Hub; wait and"
                    + " try again" + reply.header("retry-after").map(s -> ", it asked for " + s + " s").orElse("") + ")");
        }
        if (reply.status() >= 400 || reply.status() < 200) {
            throw new DiscoveryException("could not list HF models: HTTP " + reply.status());
        }
        JsonNode list = parse(reply.body(), "HF returned a non-JSON model list");
        if (!list.isArray()) {
            throw new DiscoveryException("HF returned a non-JSON model list: expected an array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode m : list) {
            if (m.path("id").isTextual() && !m.path("id").asText().isBlank() && ids.size() < limit) {
                ids.add(m.path("id").asText());
            }
        }
        return ids;
    }

    private static JsonNode parse(String body, String message) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null) {
                throw new DiscoveryException(message + ": empty body");
            }
            return node;
        } catch (IOException e) {
            throw new DiscoveryException(message + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}

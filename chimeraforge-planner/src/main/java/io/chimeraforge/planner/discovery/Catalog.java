package io.chimeraforge.planner.discovery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.model.ModelSpecJson;
import io.chimeraforge.planner.ManualOverrides;
import io.chimeraforge.planner.ModelResolutionException;
import io.chimeraforge.planner.ModelResolver;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, rebuildable list of resolved models: {@code <cache>/catalog.json}, shaped
 * {@code {"models": {id: ModelSpec}}}. It lets {@link Suggester} rank candidates with no network
 * call. Immutable; ids keep their insertion order.
 *
 * <pre>{@code
 * Catalog.Build built = Catalog.build(resolver, Catalog.SEED);   // resolves over the network
 * built.catalog().write(Catalog.file(cacheRoot));
 * Catalog later = Catalog.read(Catalog.file(cacheRoot));        // empty when absent or corrupt
 * }</pre>
 */
public final class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    /**
     * The curated seed: ungated Hugging Face repositories spanning 0.36B to 14B (gated Gemma and
     * Llama repositories are left out, since building must work without a token).
     */
    public static final List<String> SEED = List.of(
            "Qwen/Qwen2.5-0.5B-Instruct", "Qwen/Qwen2.5-1.5B-Instruct", "Qwen/Qwen2.5-3B-Instruct",
            "Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-14B-Instruct",
            "Qwen/Qwen3-0.6B", "Qwen/Qwen3-1.7B", "Qwen/Qwen3-4B", "Qwen/Qwen3-8B", "Qwen/Qwen3-14B",
            "microsoft/Phi-3-mini-4k-instruct", "microsoft/Phi-3.5-mini-instruct", "microsoft/Phi-4-mini-instruct",
            "microsoft/phi-4", "mistralai/Mistral-7B-Instruct-v0.3",
            "HuggingFaceTB/SmolLM2-360M-Instruct", "HuggingFaceTB/SmolLM2-1.7B-Instruct", "HuggingFaceTB/SmolLM3-3B",
            "TinyLlama/TinyLlama-1.1B-Chat-v1.0");

    private static final Catalog EMPTY = new Catalog(Map.of());

    private final Map<String, ModelSpec> models;

    private Catalog(Map<String, ModelSpec> models) {
        this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** A catalog of {@code models} (id to facts), in the map's iteration order. */
    public static Catalog of(Map<String, ModelSpec> models) {
        Objects.requireNonNull(models, "models");
        models.forEach((id, spec) -> {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(spec, "spec of " + id);
        });
        return new Catalog(models);
    }

    /** The catalog with no models. */
    public static Catalog empty() {
        return EMPTY;
    }

    /** Where the catalog lives under a cache root: {@code <root>/catalog.json}. */
    public static Path file(Path cacheRoot) {
        return cacheRoot.resolve("catalog.json");
    }

    /** The models, id to facts, in order. */
    public Map<String, ModelSpec> models() {
        return models;
    }

    /** Whether the catalog holds no model. */
    public boolean isEmpty() {
        return models.isEmpty();
    }

    /**
     * Reads a catalog file. An absent file is an empty catalog (it was never built); a corrupt one
     * (not JSON, no {@code models} object, an entry missing a required field) is empty too, with a
     * warning logged, so a damaged cache never stops a run: rebuilding replaces it.
     */
    public static Catalog read(Path file) {
        try {
            JsonNode root = Json.mapper().readTree(Files.readAllBytes(file));
            JsonNode entries = root == null ? null : root.get("models");
            if (entries == null || !entries.isObject()) {
                throw new IllegalArgumentException("no \"models\" object");
            }
            Map<String, ModelSpec> models = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                models.put(e.getKey(), ModelSpecJson.read(e.getValue()));
            }
            return new Catalog(models);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("ignoring the unreadable catalog {} ({}); rebuild it", file, e.getMessage());
            return EMPTY;
        }
    }

    /**
     * Replaces {@code file} with this catalog (two-space-indented JSON), atomically: a reader sees
     * the old catalog or the new one, never a partial file.
     *
     * @throws IOException when the file cannot be written; the old file is then unchanged
     */
    public void write(Path file) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = Json.pythonStyleGenerator(text)) {
            g.writeStartObject();
            g.writeObjectFieldStart("models");
            for (Map.Entry<String, ModelSpec> e : models.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                ModelSpecJson.writeFields(g, e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        AtomicFiles.write(file, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The outcome of {@link #build}: the catalog of what resolved and the ids that did not.
     *
     * @param catalog the resolved models
     * @param errors  the ids that failed, with the reason, in input order
     */
    public record Build(Catalog catalog, List<Unresolved> errors) {
        /** Validates and copies. */
        public Build {
            Objects.requireNonNull(catalog, "catalog");
            errors = List.copyOf(errors);
        }
    }

    /**
     * Resolves {@code ids} (duplicates dropped, first occurrence kept) into a catalog. An id that
     * does not resolve is reported in {@link Build#errors()}, not thrown; nothing is written.
     */
    public static Build build(ModelResolver resolver, List<String> ids) {
        Objects.requireNonNull(resolver, "resolver");
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        List<Unresolved> errors = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            try {
                models.put(id, resolver.resolve(id, ManualOverrides.NONE).spec().withName(id));
            } catch (ModelResolutionException e) {
                errors.add(new Unresolved(id, e.getMessage()));
            }
        }
        return new Build(new Catalog(models), errors);
    }
}

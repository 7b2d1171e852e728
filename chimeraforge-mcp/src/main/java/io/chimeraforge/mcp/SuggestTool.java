package io.chimeraforge.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ModelSources;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.discovery.Catalog;
import io.chimeraforge.planner.discovery.DiscoveryException;
import io.chimeraforge.planner.discovery.DiscoverySource;
import io.chimeraforge.planner.discovery.Suggester;
import io.chimeraforge.planner.discovery.Suggestions;
import io.chimeraforge.planner.discovery.UnknownSourceException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code chimeraforge_suggest} (planner-extensions §10.2): discovery and ranking through the same
 * {@link Suggester} the CLI's {@code suggest} uses. One envelope whatever the outcome:
 * {@code ok, hardware, sources, considered, fitting, models, unresolved, hint, note}; a refusal is
 * {@code ok: false, error, hint}.
 */
final class SuggestTool {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** How many unresolved ids an answer lists: enough to diagnose, short enough for a model's context. */
    private static final int UNRESOLVED_SHOWN = 5;
    static final String EMPTY_HINT = "nothing to rank: the catalog is empty or no discovered model resolved. Run"
            + " `chimeraforge catalog build` once; or use source=ollama (installed models) or source=hf (the Hub's"
            + " most-downloaded models).";

    private final Planner planner;
    private final Optional<Path> cacheDirectory;
    private final Clock clock;
    private final URI hubUrl;

    SuggestTool(Planner planner, Optional<Path> cacheDirectory, Clock clock, URI hubUrl) {
        this.planner = planner;
        this.cacheDirectory = cacheDirectory;
        this.clock = clock;
        this.hubUrl = hubUrl;
    }

    ObjectNode suggest(Map<String, Object> args) {
        try {
            String hardware = PlannerTools.text(args, "hardware", null);
            if (hardware == null || hardware.isBlank()) {
                return error("hardware is required", "call chimeraforge_list_hardware for the known set.");
            }
            Set<DiscoverySource> sources;
            try {
                sources = DiscoverySource.parseList(PlannerTools.text(args, "source", "catalog"));
            } catch (UnknownSourceException e) {
                return error("unknown source(s): " + String.join(", ", e.unknown()), "use any of: catalog, hf, ollama");
            }
            try {
                planner.gpuCatalog().match(hardware);
            } catch (UnknownGpuException | AmbiguousGpuException e) {
                return error("unknown GPU '" + hardware + "'.", "call chimeraforge_list_hardware for the known set.");
            }
            Optional<String> invalid = Validation.firstProblem(args);
            if (invalid.isPresent()) {
                return error(invalid.get(), null);
            }
            int limit = PlannerTools.integer(args, "limit", 10);
            if (limit < 1) {
                return error("limit must be at least 1", null);
            }
            PlanRequest.Builder request = PlanRequest.builder().hardware(hardware)
                    .requestRate(PlannerTools.number(args, "request_rate", 1.0))
                    .latencySloMs(PlannerTools.number(args, "latency_slo_ms", 5000.0))
                    .qualityTarget(PlannerTools.number(args, "quality_target", 0.5))
                    .budgetUsdPerMonth(PlannerTools.number(args, "budget_usd_month", PlannerTools.DEFAULT_BUDGET))
                    .avgTokens(PlannerTools.integer(args, "avg_output_tokens", 128))
                    .contextLength(PlannerTools.integer(args, "context_length", 2048));
            URI ollama = ollamaUrl(PlannerTools.text(args, "ollama_url", null));
            ModelSources.Builder resolving = ModelSources.builder().clock(clock).compat(planner.compat())
                    .hubUrl(hubUrl).ollamaUrl(ollama);
            cacheDirectory.ifPresent(resolving::cacheDirectory);
            Suggester suggester = Suggester.builder(planner).sources(sources)
                    .catalog(cacheDirectory.map(d -> Catalog.read(Catalog.file(d))).orElse(Catalog.empty()))
                    .resolver(ModelResolver.withSources(planner.modelRegistry(), resolving.build()))
                    .hubUrl(hubUrl).ollamaUrl(ollama)
                    .hfLimit(PlannerTools.integer(args, "hf_limit", Suggester.DEFAULT_HF_LIMIT))
                    .build();
            return answer(suggester.suggest(request.build()), limit);
        } catch (DiscoveryException e) {
            return error(e.getMessage(), "check that the source is reachable (Ollama running, the Hub not rate"
                    + " limiting), or use source=catalog, which makes no network call.");
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            return error(e.getMessage(), null);
        }
    }

    private static URI ollamaUrl(String given) {
        if (given == null || given.isBlank()) {
            return ModelSources.DEFAULT_OLLAMA;
        }
        URI url = URI.create(given.strip());
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("ollama_url must be an http(s) URL such as http://localhost:11434, got '"
                    + given + "'");
        }
        return url;
    }

    private static ObjectNode answer(Suggestions found, int limit) {
        ObjectNode out = NODES.objectNode().put("ok", true).put("hardware", found.hardware());
        ArrayNode sources = out.putArray("sources");
        for (DiscoverySource s : DiscoverySource.values()) {
            if (found.sources().contains(s)) {
                sources.add(s.id());
            }
        }
        out.put("considered", found.considered()).put("fitting", found.fitting());
        ArrayNode models = out.putArray("models");
        found.top(limit).forEach(c -> models.add(PlannerTools.summary(c)));
        ArrayNode unresolved = out.putArray("unresolved");
        found.unresolved().stream().limit(UNRESOLVED_SHOWN)
                .forEach(u -> unresolved.addObject().put("id", u.id()).put("reason", u.error()));
        out.put("hint", found.nothingConsidered() ? EMPTY_HINT : "");
        out.put("note", found.nothingConsidered() ? "No model was ranked; nothing here is a recommendation."
                : "One entry per model: its cheapest deployment that clears every gate, cheapest first. Figures are"
                        + " predictions unless their provenance says measured; surface the labels when you quote them.");
        return out;
    }

    private static ObjectNode error(String message, String hint) {
        ObjectNode o = NODES.objectNode().put("ok", false).put("error", message);
        if (hint != null) {
            o.put("hint", hint);
        }
        return o;
    }
}

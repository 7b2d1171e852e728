package io.chimeraforge.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.model.ModelSpecJson;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ModelSources;
import io.chimeraforge.planner.discovery.Catalog;
import io.chimeraforge.planner.discovery.ModelListings;
import io.chimeraforge.planner.discovery.Unresolved;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chimeraforge catalog [show|build]}: the local list of resolved models that {@code suggest
 * --source catalog} ranks with no network call. {@code --build} is accepted as the reference spells it.
 */
@Command(name = "catalog", sortOptions = false, usageHelpAutoWidth = true,
        description = "Show the local model catalog, or build it (resolve the curated seed list, and the installed"
                + " Ollama models with --with-ollama) into <cache>/catalog.json.")
final class CatalogCommand implements Callable<Integer> {

    private static final String EMPTY_HINT = "Catalog is empty. Run `chimeraforge catalog build` (or `catalog"
            + " --build`) to resolve the curated seed list.";

    private final CliEnvironment environment;

    CatalogCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Parameters(arity = "0..1", paramLabel = "ACTION", defaultValue = "show",
            description = "show (default) or build.")
    String action;
    @Option(names = "--build", description = "Same as the build action.")
    boolean build;
    @Option(names = "--with-ollama", description = "Also resolve the models installed in Ollama.")
    boolean withOllama;
    @Option(names = "--ollama-url", description = "Ollama server (default: http://localhost:11434).")
    String ollamaUrl;
    @Option(names = "--hf-token", description = "Hugging Face token for gated repos (default: $HF_TOKEN).")
    String hfToken;
    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

    @Override
    public Integer call() {
        if (!action.equals("show") && !action.equals("build")) {
            throw new CliException("unknown catalog action '" + action + "' (use show or build).");
        }
        Path file = Catalog.file(environment.cacheDirectory());
        if (build || action.equals("build")) {
            return build(file);
        }
        Catalog catalog = Catalog.read(file);
        if (catalog.isEmpty()) {
            if (json) {
                environment.out().println(json(catalog, List.of()));
            }
            environment.err().println(EMPTY_HINT);
            return 0;
        }
        if (json) {
            environment.out().println(json(catalog, List.of()));
        } else {
            printTable(catalog);
        }
        return 0;
    }

    private int build(Path file) {
        URI ollama = ollamaUrl == null ? ModelSources.DEFAULT_OLLAMA : DiscoveryOptions.ollamaUrl(ollamaUrl);
        List<String> ids = new ArrayList<>(Catalog.SEED);
        if (withOllama) {
            ids.addAll(new ModelListings(ModelSources.DEFAULT_TIMEOUT).ollamaTags(ollama));
        }
        ModelResolver resolver = ModelResolver.withSources(ModelRegistry.bundled(),
                DiscoveryOptions.resolverSources(environment, hfToken, ollama).build());
        Catalog.Build built = Catalog.build(resolver, ids);
        if (built.catalog().isEmpty() && !built.errors().isEmpty()) {
            // every id failed (offline, the Hub down or rate limiting): keep the catalog that worked
            Unresolved first = built.errors().get(0);
            throw new CliException("no model resolved (" + built.errors().size() + " failed; first: " + first.id()
                    + ": " + first.error() + "); the catalog was left unchanged.");
        }
        try {
            built.catalog().write(file);
        } catch (IOException e) {
            throw new CliException("could not write the catalog " + file + ": " + e.getMessage());
        }
        if (json) {
            environment.out().println(json(built.catalog(), built.errors()));
        } else {
            environment.out().println("Built catalog: " + built.catalog().models().size() + " models resolved, "
                    + built.errors().size() + " failed.");
            built.errors().forEach(u -> environment.err().println("failed: " + u.id() + ": " + u.error()));
        }
        return 0;
    }

    private static String json(Catalog catalog, List<Unresolved> errors) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("models");
            for (Map.Entry<String, ModelSpec> e : catalog.models().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                ModelSpecJson.writeFields(g, e.getValue());
                g.writeEndObject();
            }
            g.writeEndObject();
            SuggestCommand.writeUnresolved(g, "errors", errors);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void printTable(Catalog catalog) {
        environment.out().println(String.format("%-44s %-16s %9s %6s %4s %6s  %s", "Model", "Src", "Params",
                "Layers", "KV", "d_head", "Family"));
        catalog.models().entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> e.getValue().paramsB()))
                .forEach(e -> {
                    ModelSpec s = e.getValue();
                    environment.out().println(String.format("%-44s %-16s %9s %6d %4d %6d  %s", e.getKey(),
                            s.source().id(), PyNumbers.repr(s.paramsB()) + "B", s.nLayers(), s.nKvHeads(), s.dHead(),
                            s.family().orElse("-")));
                });
    }
}

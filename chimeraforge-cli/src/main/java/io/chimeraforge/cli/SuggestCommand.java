package io.chimeraforge.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.cli.internal.PyNumberConverters;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.CandidateJson;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ModelSources;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.discovery.Catalog;
import io.chimeraforge.planner.discovery.DiscoverySource;
import io.chimeraforge.planner.discovery.Suggester;
import io.chimeraforge.planner.discovery.Suggestions;
import io.chimeraforge.planner.discovery.UnknownSourceException;
import io.chimeraforge.planner.discovery.Unresolved;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chimeraforge suggest}: which models fit this GPU and workload, cheapest deployment per model. */
@Command(name = "suggest", sortOptions = false, usageHelpAutoWidth = true,
        description = "Suggest models that fit a GPU and workload, from a local Ollama, the Hugging Face Hub and/or"
                + " the local catalog (chimeraforge catalog build).")
final class SuggestCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    SuggestCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Mixin
    ConstraintOptions constraints = new ConstraintOptions();
    @Option(names = "--source", defaultValue = "ollama", description = "Where to look, a comma list of ollama, hf,"
            + " catalog (default: ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--hf-limit", defaultValue = "8", converter = PyNumberConverters.Int.class, description = "How many of the Hub's most-downloaded text-generation models to consider (default: ${DEFAULT-VALUE}).")
    BigInteger hfLimit;
    @Option(names = "--ollama-url", description = "Ollama server to list and resolve from (default: http://localhost:11434).")
    String ollamaUrl;
    @Option(names = "--hf-token", description = "Hugging Face token for resolving gated repos (default: $HF_TOKEN; never sent with the listing).")
    String hfToken;
    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

    @Override
    public Integer call() {
        Set<DiscoverySource> sources;
        try {
            sources = DiscoverySource.parseList(source);
        } catch (UnknownSourceException e) {
            throw new CliException("unknown --source value(s): " + String.join(", ", e.unknown())
                    + " (use ollama,hf,catalog)");
        }
        PlanRequest request = request();
        Planner planner = Planner.builder().cacheDirectory(environment.cacheDirectory()).build();
        planner.corpusNote().ifPresent(note -> environment.err().println("warning: " + note));
        Catalog catalog = Catalog.read(Catalog.file(environment.cacheDirectory()));
        if (sources.equals(Set.of(DiscoverySource.CATALOG)) && catalog.isEmpty()) {
            throw new CliException("Catalog is empty. Run `chimeraforge catalog build` first.");
        }
        URI ollama = ollamaUrl == null ? ModelSources.DEFAULT_OLLAMA : DiscoveryOptions.ollamaUrl(ollamaUrl);
        ModelSources.Builder resolving = DiscoveryOptions.resolverSources(environment, hfToken, ollama);
        Suggester.Builder suggester = Suggester.builder(planner).sources(sources).catalog(catalog)
                .hubUrl(DiscoveryOptions.hubUrl(environment)).ollamaUrl(ollama)
                .resolver(ModelResolver.withSources(planner.modelRegistry(), resolving.build()));
        try {
            suggester.hfLimit(toInt(hfLimit));
        } catch (InvalidSettingException e) {
            throw new CliException("--hf-limit must be between 1 and " + Suggester.MAX_HF_LIMIT + ".");
        }
        Suggestions found;
        try {
            found = suggester.build().suggest(request);
        } catch (UnknownGpuException e) {
            throw new CliException(e.getMessage() + " Run `chimeraforge plan --list-hardware` for the table.");
        } catch (AmbiguousGpuException e) {
            throw new CliException("--hardware " + e.getMessage() + " (see plan --list-hardware)");
        }
        if (found.nothingConsidered()) {
            throw new CliException(found.discovered().isEmpty()
                    ? "no models were discovered from " + sources.stream().map(DiscoverySource::id)
                            .collect(Collectors.joining(", ")) + "."
                    : "none of the discovered models could be resolved. " + found.unresolved().stream().limit(10)
                            .map(u -> u.id() + ": " + u.error()).collect(Collectors.joining("; ")));
        }
        if (json) {
            environment.out().println(json(found));
        } else {
            printTable(found);
        }
        return 0;
    }

    private PlanRequest request() {
        PlanRequest.Builder b = PlanRequest.builder().hardware(constraints.hardware);
        try {
            b.requestRate(constraints.requestRate).latencySloMs(constraints.latencySlo).qualityTarget(constraints.qualityTarget)
                    .budgetUsdPerMonth(constraints.budget).contextLength(toInt(constraints.contextLength)).avgTokens(toInt(constraints.avgTokens));
            if (constraints.safetyTarget != null) {
                b.safetyTarget(constraints.safetyTarget);
            }
            return b.build();
        } catch (InvalidSettingException e) {
            throw new CliException(io.chimeraforge.cli.internal.PlanMessages.setting(e));
        }
    }

    /** An int, or a value the library refuses as out of range (so the refusal names the setting). */
    private static int toInt(BigInteger value) {
        return value.bitLength() < 32 ? value.intValue() : (value.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE);
    }

    static String json(Suggestions found) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("considered", found.considered());
            g.writeNumberField("fit", found.fitting());
            g.writeFieldName("suggestions");
            CandidateJson.writeArray(g, found.best());
            writeUnresolved(g, "unresolved", found.unresolved());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code name: [{"id", "error"}, …]}. */
    static void writeUnresolved(JsonGenerator g, String name, java.util.List<Unresolved> unresolved) throws IOException {
        g.writeArrayFieldStart(name);
        for (Unresolved u : unresolved) {
            g.writeStartObject();
            g.writeStringField("id", u.id());
            g.writeStringField("error", u.error());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void printTable(Suggestions found) {
        environment.out().println("Models that fit " + found.hardware() + " (" + found.fitting() + " of "
                + found.considered() + " considered, cheapest deployment each)");
        if (found.best().isEmpty()) {
            environment.out().println("  none cleared every gate; relax --quality-target, --budget or --latency-slo,"
                    + " or try a larger GPU.");
        }
        environment.out().println(String.format("  %-40s %-8s %-10s %4s %9s %9s %8s  %s", "Model", "Quant", "Backend",
                "N", "VRAM GB", "$/month", "Quality", "Provenance (throughput)"));
        for (Candidate c : found.best()) {
            environment.out().println(String.format("  %-40s %-8s %-10s %4d %9s %9s %8s  %s", c.model(), c.quant(),
                    c.backend().id(), c.replicas(), PyNumbers.fixed(c.vramPerGpuGb(), 2),
                    PyNumbers.fixed(c.monthlyCostUsd(), 2), PyNumbers.fixed(c.quality(), 3),
                    c.provenance().throughput().id()));
        }
        for (Unresolved u : found.unresolved()) {
            environment.err().println("unresolved: " + u.id() + ": " + u.error());
        }
        found.notes().forEach(n -> environment.err().println("note: " + n));
    }
}

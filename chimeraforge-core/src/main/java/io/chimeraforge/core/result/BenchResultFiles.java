package io.chimeraforge.core.result;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes bench result files: a JSON array of {@link BenchResult} objects, pretty-printed
 * with two-space indentation as the reference writes them, keys in the reference's order followed
 * by added keys, floats in Python's {@code repr} form.
 *
 * <p>Reading accepts an array or a single object (§0.2 of the spec), tolerates missing keys
 * (defaults: workload {@code single}, context length 2048, numbers 0) and keeps unknown keys in
 * the {@code extra} maps.
 */
public final class BenchResultFiles {

    private static final List<String> TOP_KEYS = List.of("model", "backend", "quant", "workload", "runs",
            "context_length", "individual_runs", "aggregate", "environment", "timestamp", "warnings");
    private static final List<String> RUN_KEYS = List.of("tokens_generated", "throughput_tps", "ttft_ms",
            "total_duration_ms", "prompt_eval_duration_ms", "eval_duration_ms");
    private static final List<String> AGG_KEYS = List.of("count", "throughput_tps", "ttft_ms", "total_duration_ms",
            "tokens_generated");
    private static final List<String> ENV_KEYS = List.of("os", "platform", "python_version", "chimeraforge_version",
            "gpu_name", "gpu_driver", "cuda_version", "backend_name", "backend_version", "runtime");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private BenchResultFiles() {
    }

    // ---------------------------------------------------------------- writing

    /** The results as file text: a JSON array, indent 2, trailing newline omitted (as Python's json.dump). */
    public static String toJson(List<BenchResult> results) {
        StringWriter out = new StringWriter();
        try {
            write(out, results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * One result as the JSON object its file holds, built without going through text (a
     * thousand-configuration report would otherwise write and re-parse tens of MB).
     */
    public static com.fasterxml.jackson.databind.JsonNode toTree(BenchResult result) {
        try (com.fasterxml.jackson.databind.util.TokenBuffer buffer =
                     new com.fasterxml.jackson.databind.util.TokenBuffer(Json.mapper(), false)) {
            writeResult(buffer, result);
            try (com.fasterxml.jackson.core.JsonParser parser = buffer.asParser()) {
                return Json.mapper().readTree(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a token buffer does not fail
        }
    }

    /** Writes the results as a JSON array to {@code out} (not closed). */
    public static void write(Writer out, List<BenchResult> results) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(pythonStyle());
            g.writeStartArray();
            for (BenchResult r : results) {
                writeResult(g, r);
            }
            g.writeEndArray();
        }
    }

    /**
     * Writes the file atomically ({@link AtomicFiles}): to a temporary file beside the target, then
     * moved over it, so a reader (or an interrupted run) never sees a half-written array; a
     * symbolic link is written through to its target. Parent directories are created.
     */
    public static void writeAtomically(Path file, List<BenchResult> results) throws IOException {
        // Streamed to the file: a long run's array is tens of MB, never held as one String.
        AtomicFiles.write(file, out -> {
            Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            write(writer, results);
            writer.flush();
        });
    }

    /** A pretty printer matching Python's {@code json.dumps(indent=2)}: ": " after keys, "[]" and "{}" when empty. */
    static DefaultPrettyPrinter pythonStyle() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return printer;
    }

    private static void writeResult(JsonGenerator g, BenchResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", r.model());
        g.writeStringField("backend", r.backend());
        g.writeFieldName("quant");
        writeValue(g, r.quant());
        g.writeStringField("workload", r.workload());
        g.writeNumberField("runs", r.runs());
        g.writeNumberField("context_length", r.contextLength());
        g.writeArrayFieldStart("individual_runs");
        for (IndividualRun run : r.individualRuns()) {
            g.writeStartObject();
            g.writeNumberField("tokens_generated", run.tokensGenerated());
            number(g, "throughput_tps", run.throughputTps());
            number(g, "ttft_ms", run.ttftMs());
            number(g, "total_duration_ms", run.totalDurationMs());
            number(g, "prompt_eval_duration_ms", run.promptEvalDurationMs());
            number(g, "eval_duration_ms", run.evalDurationMs());
            writeEntries(g, run.extra());
            g.writeEndObject();
        }
        g.writeEndArray();
        Aggregate a = r.aggregate();
        g.writeObjectFieldStart("aggregate");
        g.writeNumberField("count", a.count());
        g.writeFieldName("throughput_tps");
        writeSummary(g, a.throughputTps());
        g.writeFieldName("ttft_ms");
        writeSummary(g, a.ttftMs());
        g.writeFieldName("total_duration_ms");
        writeSummary(g, a.totalDurationMs());
        g.writeNumberField("tokens_generated", a.tokensGenerated());
        writeEntries(g, a.extra());
        g.writeEndObject();
        Environment e = r.environment();
        g.writeObjectFieldStart("environment");
        g.writeStringField("os", e.os());
        g.writeStringField("platform", e.platform());
        g.writeFieldName("python_version");
        writeValue(g, e.pythonVersion());
        g.writeStringField("chimeraforge_version", e.chimeraforgeVersion());
        g.writeFieldName("gpu_name");
        writeValue(g, e.gpuName());
        g.writeFieldName("gpu_driver");
        writeValue(g, e.gpuDriver());
        g.writeFieldName("cuda_version");
        writeValue(g, e.cudaVersion());
        g.writeStringField("backend_name", e.backendName());
        g.writeFieldName("backend_version");
        writeValue(g, e.backendVersion());
        if (e.runtime().isPresent()) {
            g.writeStringField("runtime", e.runtime().get());
        }
        g.writeEndObject();
        g.writeStringField("timestamp", r.timestamp());
        g.writeArrayFieldStart("warnings");
        for (String w : r.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        writeEntries(g, r.extra());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double value) throws IOException {
        g.writeFieldName(name);
        Json.writePyNumber(g, value);
    }

    private static void writeSummary(JsonGenerator g, StatSummary s) throws IOException {
        g.writeStartObject();
        number(g, "mean", s.mean());
        number(g, "p50", s.p50());
        number(g, "p95", s.p95());
        number(g, "p99", s.p99());
        number(g, "min", s.min());
        number(g, "max", s.max());
        number(g, "stddev", s.stddev());
        number(g, "p90", s.p90());
        g.writeNumberField("n", s.count());
        g.writeEndObject();
    }

    private static void writeEntries(JsonGenerator g, Map<String, ?> entries) throws IOException {
        for (Map.Entry<String, ?> entry : entries.entrySet()) {
            g.writeFieldName(entry.getKey());
            writeValue(g, entry.getValue());
        }
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Optional<?> o) {
            writeValue(g, o.orElse(null));
        } else if (value instanceof StatSummary s) {
            writeSummary(g, s);
        } else if (value instanceof Double || value instanceof Float) {
            Json.writePyNumber(g, ((Number) value).doubleValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof CharSequence s) {
            g.writeString(s.toString());
        } else if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : m.entrySet()) {
                g.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(g, entry.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Iterable<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            g.writeString(value.toString());
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * The largest result file {@link #read} accepts: 512 MiB. A million compact per-request rows
     * take about 150 MB; a larger (or endless, like {@code /dev/zero}) input ends in an
     * {@link io.chimeraforge.core.io.BoundedFiles.TooLargeException} instead of an exhausted heap.
     */
    public static final long MAX_FILE_BYTES = 512L << 20;

    /**
     * Reads a result file: a JSON array of results or a single result object.
     *
     * @throws IOException if the file cannot be read, is not a regular file, is over
     *         {@link #MAX_FILE_BYTES}, or is not JSON of that shape
     */
    public static List<BenchResult> read(Path file) throws IOException {
        return parse(io.chimeraforge.core.io.BoundedFiles.readUtf8(file, MAX_FILE_BYTES));
    }

    /**
     * The result files of a directory: its regular {@code *.json} files, sorted by name (not
     * recursive). Request logs ({@code *.jsonl}) and anything else are left out.
     *
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> filesIn(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (java.nio.file.DirectoryStream<Path> stream = java.nio.file.Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : stream) {
                if (java.nio.file.Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** Parses result file text (array or single object). */
    public static List<BenchResult> parse(String text) throws IOException {
        JsonNode root = Json.mapper().readTree(text);
        List<BenchResult> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (JsonNode node : root) {
                out.add(fromNode(node));
            }
        } else if (root != null && root.isObject()) {
            out.add(fromNode(root));
        } else {
            throw new IOException("a bench result file must hold a JSON array or object");
        }
        return out;
    }

    /** One result from its JSON object, with the readers' defaults for missing keys. */
    public static BenchResult fromNode(JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new IOException("a bench result must be a JSON object, got " + node.getNodeType());
        }
        List<IndividualRun> runs = new ArrayList<>();
        for (JsonNode run : node.path("individual_runs")) {
            runs.add(new IndividualRun(run.path("tokens_generated").asInt(0), run.path("throughput_tps").asDouble(0),
                    run.path("ttft_ms").asDouble(0), run.path("total_duration_ms").asDouble(0),
                    run.path("prompt_eval_duration_ms").asDouble(0), run.path("eval_duration_ms").asDouble(0),
                    rest(run, RUN_KEYS)));
        }
        JsonNode agg = node.path("aggregate");
        Map<String, Object> aggExtra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = agg.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (AGG_KEYS.contains(entry.getKey())) {
                continue;
            }
            JsonNode v = entry.getValue();
            aggExtra.put(entry.getKey(), v.isObject() && v.has("mean") ? summary(v) : plain(v));
        }
        Aggregate aggregate = new Aggregate(agg.path("count").asInt(0), summary(agg.path("throughput_tps")),
                summary(agg.path("ttft_ms")), summary(agg.path("total_duration_ms")),
                agg.path("tokens_generated").asLong(0), aggExtra);
        JsonNode env = node.path("environment");
        Environment environment = new Environment(env.path("os").asText(""), env.path("platform").asText(""),
                text(env, "python_version"), env.path("chimeraforge_version").asText(""), text(env, "gpu_name"),
                text(env, "gpu_driver"), text(env, "cuda_version"),
                env.path("backend_name").asText(node.path("backend").asText("")), text(env, "backend_version"),
                text(env, "runtime"));
        List<String> warnings = new ArrayList<>();
        for (JsonNode w : node.path("warnings")) {
            warnings.add(w.asText());
        }
        return new BenchResult(node.path("model").asText(""), node.path("backend").asText(""), text(node, "quant"),
                node.path("workload").asText("single"), node.path("runs").asInt(runs.size()),
                node.path("context_length").asInt(2048), runs, aggregate, environment,
                node.path("timestamp").asText(""), warnings, rest(node, TOP_KEYS));
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static StatSummary summary(JsonNode s) {
        return new StatSummary(s.path("mean").asDouble(0), s.path("p50").asDouble(0), s.path("p90").asDouble(0),
                s.path("p95").asDouble(0), s.path("p99").asDouble(0), s.path("min").asDouble(0),
                s.path("max").asDouble(0), s.path("stddev").asDouble(0), Math.max(0, s.path("n").asInt(0)));
    }

    private static Map<String, Object> rest(JsonNode node, List<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!known.contains(entry.getKey())) {
                out.put(entry.getKey(), plain(entry.getValue()));
            }
        }
        return out;
    }

    private static Object plain(JsonNode v) {
        return Json.mapper().convertValue(v, Object.class);
    }

    // ---------------------------------------------------------------- naming

    /**
     * Python's {@code datetime.isoformat()} for a UTC instant:
     * {@code 2026-01-01T12:00:00.123456+00:00}, the fraction omitted when its microseconds are 0.
     */
    public static String isoTimestamp(Instant instant) {
        int micros = instant.getNano() / 1000;
        String base = SECONDS.format(instant);
        return micros == 0 ? base + "+00:00" : base + String.format(".%06d+00:00", micros);
    }

    /**
     * The reference's file name for a timestamp: {@code bench_<timestamp with ":"→"-" and "+"→"_">.json},
     * e.g. {@code 2026-01-01T00:00:00+00:00 → bench_2026-01-01T00-00-00_00-00.json}.
     */
    public static String fileName(String timestamp) {
        return "bench_" + timestamp.replace(':', '-').replace('+', '_') + ".json";
    }

    /** The environment keys in write order (reference keys, then {@code runtime}). */
    public static List<String> environmentKeys() {
        return ENV_KEYS;
    }
}

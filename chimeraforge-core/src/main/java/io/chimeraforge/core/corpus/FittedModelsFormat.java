package io.chimeraforge.core.corpus;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.io.BoundedFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the reference tool's {@code fitted_models.json}: sections {@code vram, throughput,
 * scaling, quality, cost, latency, safety}, each optional, each key optional with the reference's
 * default. A value of the wrong type or out of its range, a duplicate key and anything after the
 * document are errors naming the file and the key path, never a silent default.
 */
final class FittedModelsFormat {

    /** Duplicate keys and trailing content are refused: a hand-edited file must say one thing. */
    private static final class StrictReader {
        static final ObjectReader INSTANCE = Json.mapper().reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    private FittedModelsFormat() {
    }

    static FittedModels read(Path file) {
        return read(file, FittedModels.MAX_FILE_BYTES);
    }

    /** {@link #read(Path)} with another size limit (tests use small ones). */
    static FittedModels read(Path file, long maxBytes) {
        if (file.toString().isEmpty()) {
            throw new CorpusFileException("invalid models file: the path is empty");
        }
        String text;
        try {
            text = BoundedFiles.readUtf8(file, maxBytes);
        } catch (NoSuchFileException e) {
            throw new CorpusFileException("models file not found: " + file);
        } catch (BoundedFiles.TooLargeException e) {
            throw new CorpusFileException("invalid models file '" + file + "': larger than the "
                    + BoundedFiles.describe(maxBytes) + " limit for a models file", e);
        } catch (CharacterCodingException e) {
            throw new CorpusFileException("invalid models file '" + file + "': not UTF-8 text", e);
        } catch (BoundedFiles.NotAFileException e) {
            throw new CorpusFileException("invalid models file '" + file + "': " + e.getMessage(), e);
        } catch (AccessDeniedException e) {
            throw new CorpusFileException("invalid models file '" + file + "': permission denied", e);
        } catch (IOException e) {
            throw new CorpusFileException("invalid models file '" + file + "': " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    static FittedModels parse(String text, String origin) {
        JsonNode root;
        try {
            root = StrictReader.INSTANCE.readTree(text);
        } catch (JacksonException e) {
            throw new CorpusFileException("invalid models file '" + origin + "': " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CorpusFileException("invalid models file '" + origin + "': the file is empty");
        }
        try {
            return fromTree(root);
        } catch (ShapeException e) {
            throw new CorpusFileException("invalid models file '" + origin + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CorpusFileException("invalid models file '" + origin + "': " + e.getMessage(), e);
        }
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static FittedModels fromTree(JsonNode root) {
        requireObject(root, "the top level");
        JsonNode vram = section(root, "vram");
        JsonNode throughput = section(root, "throughput");
        JsonNode scaling = section(root, "scaling");
        JsonNode quality = section(root, "quality");
        JsonNode cost = section(root, "cost");
        JsonNode latency = section(root, "latency");
        JsonNode safety = section(root, "safety");
        FittedModels.Vram v = new FittedModels.Vram(
                number(vram, "vram", "overhead_factor", Range.POSITIVE, FittedModels.Vram.DEFAULTS.overheadFactor()),
                number(vram, "vram", "act_coeff", Range.NON_NEGATIVE, FittedModels.Vram.DEFAULTS.activationCoeff()),
                flag(vram, "vram"));
        FittedModels.Throughput t = new FittedModels.Throughput(
                numberMap(throughput, "throughput", "lookup", Range.POSITIVE),
                numberMap(throughput, "throughput", "quant_multipliers", Range.POSITIVE),
                number(throughput, "throughput", "size_power_a", Range.POSITIVE, FittedModels.Throughput.DEFAULTS.sizePowerA()),
                number(throughput, "throughput", "size_power_b", Range.FINITE, FittedModels.Throughput.DEFAULTS.sizePowerB()),
                flag(throughput, "throughput"),
                hardwareLookup(throughput));
        Map<String, Double> scalingDefaults = scaling.has("defaults")
                ? numberMap(scaling, "scaling", "defaults", Range.UNIT) : FittedModels.Scaling.DEFAULTS.defaults();
        FittedModels.Scaling s = new FittedModels.Scaling(numberMap(scaling, "scaling", "serial_fractions", Range.UNIT),
                scalingDefaults, flag(scaling, "scaling"));
        FittedModels.Quality q = new FittedModels.Quality(
                numberMap(quality, "quality", "lookup", Range.UNIT),
                numberMap(quality, "quality", "fp16_baselines", Range.UNIT),
                numberMap(quality, "quality", "quant_deltas", Range.SIGNED_UNIT),
                flag(quality, "quality"));
        double costPerHour = number(cost, "cost", "hw_cost_per_hour", Range.NON_NEGATIVE, FittedModels.DEFAULT_COST_PER_HOUR_USD);
        FittedModels.Latency l = new FittedModels.Latency(
                number(latency, "latency", "safety_factor", Range.OPEN_UNIT, FittedModels.Latency.DEFAULTS.safetyFactor()),
                numberMap(latency, "latency", "service_times", Range.POSITIVE),
                flag(latency, "latency"));
        Map<String, FittedModels.Rtsi> rtsi = new LinkedHashMap<>();
        JsonNode rtsiNode = safety.path("rtsi");
        if (!rtsiNode.isMissingNode() && !rtsiNode.isNull()) {
            requireObject(rtsiNode, "safety.rtsi");
            for (Iterator<Map.Entry<String, JsonNode>> it = rtsiNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                requireObject(e.getValue(), "safety.rtsi." + e.getKey());
                String risk = e.getValue().path("risk").asText("UNKNOWN");
                double score = number(e.getValue(), "safety.rtsi['" + e.getKey() + "']", "score", Range.FINITE, Double.NaN);
                rtsi.put(e.getKey(), new FittedModels.Rtsi(score, risk));
            }
        }
        FittedModels.Safety sf = new FittedModels.Safety(
                numberMap(safety, "safety", "lookup", Range.UNIT),
                numberMap(safety, "safety", "fp16_baselines", Range.UNIT),
                rtsi,
                text(safety, "metric"),
                text(safety, "source"),
                flag(safety, "safety"));
        return new FittedModels(v, t, s, q, costPerHour, l, sf, provenance(root));
    }

    /** {@code throughput.hardware_lookup}: per GPU name, a table like {@code throughput.lookup}. */
    private static Map<String, Map<String, Double>> hardwareLookup(JsonNode throughput) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        JsonNode node = throughput.path("hardware_lookup");
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        requireObject(node, "throughput.hardware_lookup");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isBlank()) {
                throw new ShapeException("throughput.hardware_lookup has an empty GPU name");
            }
            out.put(e.getKey(), numberMap(node, "throughput.hardware_lookup", e.getKey(), Range.POSITIVE));
        }
        return out;
    }

    /** The {@code _provenance} block (upstream's corrected corpus carries one) as compact JSON text. */
    private static Optional<String> provenance(JsonNode root) {
        JsonNode node = root.path("_provenance");
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        requireObject(node, "_provenance");
        return Optional.of(node.toString());
    }

    private static JsonNode section(JsonNode root, String name) {
        JsonNode node = root.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return Json.mapper().createObjectNode();
        }
        requireObject(node, "section '" + name + "'");
        return node;
    }

    private static void requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new ShapeException(what + " must be a JSON object, found " + describe(node));
        }
    }

    /** The values a figure may take; every one excludes NaN and the infinities. */
    private enum Range {
        FINITE("a finite number"),
        POSITIVE("a finite number > 0"),
        NON_NEGATIVE("a finite number >= 0"),
        UNIT("between 0 and 1"),
        OPEN_UNIT("greater than 0 and at most 1"),
        SIGNED_UNIT("between -1 and 1");

        private final String text;

        Range(String text) {
            this.text = text;
        }

        boolean admits(double v) {
            switch (this) {
                case POSITIVE:
                    return Double.isFinite(v) && v > 0;
                case NON_NEGATIVE:
                    return Double.isFinite(v) && v >= 0;
                case UNIT:
                    return v >= 0 && v <= 1;
                case OPEN_UNIT:
                    return v > 0 && v <= 1;
                case SIGNED_UNIT:
                    return v >= -1 && v <= 1;
                case FINITE:
                default:
                    return Double.isFinite(v);
            }
        }

        double check(String path, double v) {
            if (!admits(v)) {
                throw new ShapeException(path + " must be " + text + ", got " + v);
            }
            return v;
        }
    }

    private static double number(JsonNode section, String sectionName, String key, Range range, double fallback) {
        JsonNode node = section.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new ShapeException(sectionName + "." + key + " must be a number, found " + describe(node));
        }
        return range.check(sectionName + "." + key, node.doubleValue());
    }

    private static Map<String, Double> numberMap(JsonNode section, String sectionName, String key, Range range) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode node = section.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        requireObject(node, sectionName + "." + key);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new ShapeException(sectionName + "." + key + "['" + e.getKey() + "'] must be a number, found "
                        + describe(e.getValue()));
            }
            out.put(e.getKey(), range.check(sectionName + "." + key + "['" + e.getKey() + "']",
                    e.getValue().doubleValue()));
        }
        return out;
    }

    private static boolean flag(JsonNode section, String sectionName) {
        JsonNode node = section.path("fitted");
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new ShapeException(sectionName + ".fitted must be true or false, found " + describe(node));
        }
        return node.booleanValue();
    }

    private static Optional<String> text(JsonNode section, String key) {
        JsonNode node = section.path(key);
        return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    private static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case STRING:
                return "a string";
            case BOOLEAN:
                return "a boolean";
            case NUMBER:
                return "a number";
            case NULL:
                return "null";
            default:
                return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Signals a structurally wrong file; turned into a {@link CorpusFileException} with the file name. */
    private static final class ShapeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShapeException(String message) {
            super(message, null, false, false);
        }
    }
}

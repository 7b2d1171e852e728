package io.chimeraforge.core.corpus;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the reference tool's {@code fitted_models.json}: sections {@code vram, throughput,
 * scaling, quality, cost, latency, safety}, each optional, each key optional with the reference's
 * default. A value of the wrong type is an error naming the key, never a silent default.
 */
final class FittedModelsFormat {

    private FittedModelsFormat() {
    }

    static FittedModels read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CorpusFileException("models file not found: " + file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CorpusFileException("invalid models file '" + file + "': not UTF-8 text", e);
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new CorpusFileException("invalid models file '" + file + "': it is a directory");
            }
            throw new CorpusFileException("invalid models file '" + file + "': " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    static FittedModels parse(String text, String origin) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
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
                number(vram, "vram", "overhead_factor", FittedModels.Vram.DEFAULTS.overheadFactor()),
                number(vram, "vram", "act_coeff", FittedModels.Vram.DEFAULTS.activationCoeff()),
                flag(vram, "vram"));
        FittedModels.Throughput t = new FittedModels.Throughput(
                numberMap(throughput, "throughput", "lookup"),
                numberMap(throughput, "throughput", "quant_multipliers"),
                number(throughput, "throughput", "size_power_a", FittedModels.Throughput.DEFAULTS.sizePowerA()),
                number(throughput, "throughput", "size_power_b", FittedModels.Throughput.DEFAULTS.sizePowerB()),
                flag(throughput, "throughput"));
        Map<String, Double> scalingDefaults = scaling.has("defaults")
                ? numberMap(scaling, "scaling", "defaults") : FittedModels.Scaling.DEFAULTS.defaults();
        FittedModels.Scaling s = new FittedModels.Scaling(numberMap(scaling, "scaling", "serial_fractions"),
                scalingDefaults, flag(scaling, "scaling"));
        FittedModels.Quality q = new FittedModels.Quality(
                numberMap(quality, "quality", "lookup"),
                numberMap(quality, "quality", "fp16_baselines"),
                numberMap(quality, "quality", "quant_deltas"),
                flag(quality, "quality"));
        double costPerHour = number(cost, "cost", "hw_cost_per_hour", FittedModels.DEFAULT_COST_PER_HOUR_USD);
        FittedModels.Latency l = new FittedModels.Latency(
                number(latency, "latency", "safety_factor", FittedModels.Latency.DEFAULTS.safetyFactor()),
                numberMap(latency, "latency", "service_times"),
                flag(latency, "latency"));
        Map<String, FittedModels.Rtsi> rtsi = new LinkedHashMap<>();
        JsonNode rtsiNode = safety.path("rtsi");
        if (!rtsiNode.isMissingNode() && !rtsiNode.isNull()) {
            requireObject(rtsiNode, "safety.rtsi");
            for (Iterator<Map.Entry<String, JsonNode>> it = rtsiNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                requireObject(e.getValue(), "safety.rtsi." + e.getKey());
                String risk = e.getValue().path("risk").asText("UNKNOWN");
                double score = number(e.getValue(), "safety.rtsi." + e.getKey(), "score", Double.NaN);
                rtsi.put(e.getKey(), new FittedModels.Rtsi(score, risk));
            }
        }
        FittedModels.Safety sf = new FittedModels.Safety(
                numberMap(safety, "safety", "lookup"),
                numberMap(safety, "safety", "fp16_baselines"),
                rtsi,
                text(safety, "metric"),
                text(safety, "source"),
                flag(safety, "safety"));
        return new FittedModels(v, t, s, q, costPerHour, l, sf);
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

    private static double number(JsonNode section, String sectionName, String key, double fallback) {
        JsonNode node = section.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new ShapeException(sectionName + "." + key + " must be a number, found " + describe(node));
        }
        return node.doubleValue();
    }

    private static Map<String, Double> numberMap(JsonNode section, String sectionName, String key) {
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
            out.put(e.getKey(), e.getValue().doubleValue());
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

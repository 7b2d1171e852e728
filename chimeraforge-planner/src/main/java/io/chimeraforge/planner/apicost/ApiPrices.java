package io.chimeraforge.planner.apicost;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dated snapshot of hosted-API list prices per million input and output tokens, in the
 * reference's {@code api_pricing.json} format (schema 1), so a snapshot moves between the tools.
 * {@link #bundled()} carries the prices of 2026-08-18; {@link #read(Path)} loads a newer file.
 *
 * <p>Every snapshot is validated as it is loaded: schema 1, ISO dates, at least one provider and
 * one model each, {@code class} {@code open} or {@code frontier}, {@code https} sources, prices
 * numbers in [0.001, 1000]. Output priced below input is allowed and reported in {@link #notes()}.
 * Immutable and thread-safe.
 *
 * @param capturedAt when the prices were read off the providers' pages
 * @param note       what the snapshot is, for people
 * @param providers  the providers, in file order
 * @param notes      remarks found while validating (e.g. output cheaper than input)
 */
public record ApiPrices(LocalDate capturedAt, String note, List<Provider> providers, List<String> notes) {

    /** Lowest and highest accepted price per million tokens, in USD. */
    public static final double MIN_PRICE = 0.001;
    /** Highest accepted price per million tokens, in USD. */
    public static final double MAX_PRICE = 1000;
    /** A price file larger than this is not one. */
    static final int MAX_FILE_BYTES = 4 << 20;

    /**
     * One API provider.
     *
     * @param key         its key in the file, e.g. {@code together}
     * @param displayName its name for people
     * @param sourceUrl   the page the prices were read from
     * @param capturedAt  when they were read
     * @param priceClass  {@code open} (open-weight models, like-for-like with self-hosting) or {@code frontier}
     * @param models      its models, in file order
     */
    public record Provider(String key, String displayName, String sourceUrl, LocalDate capturedAt, String priceClass,
            List<Model> models) {
        /** Copies the model list. */
        public Provider {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(sourceUrl, "sourceUrl");
            Objects.requireNonNull(capturedAt, "capturedAt");
            Objects.requireNonNull(priceClass, "priceClass");
            models = List.copyOf(models);
        }
    }

    /**
     * One priced model.
     *
     * @param key              its key in the file, e.g. {@code claude-sonnet-5}
     * @param name             its name for people
     * @param inputPer1mUsd    USD per million input tokens
     * @param outputPer1mUsd   USD per million output tokens
     */
    public record Model(String key, String name, double inputPer1mUsd, double outputPer1mUsd) {
        /** Checks the names. */
        public Model {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Copies the lists. */
    public ApiPrices {
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(note, "note");
        providers = List.copyOf(providers);
        notes = List.copyOf(notes);
    }

    /** The prices shipped with this version (captured 2026-08-18). */
    public static ApiPrices bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final ApiPrices INSTANCE = load();

        private static ApiPrices load() {
            try (InputStream in = ApiPrices.class.getResourceAsStream("api-prices.json")) {
                if (in == null) {
                    throw new IllegalStateException("bundled resource api-prices.json is missing from the jar");
                }
                return parse(in.readAllBytes(), "bundled api-prices.json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Reads and validates a snapshot in the {@code api_pricing.json} format.
     *
     * @throws PricingException when the file is missing, unreadable, not JSON, or not a valid snapshot
     */
    public static ApiPrices read(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new PricingException("price file not found: " + file);
        } catch (IOException e) {
            throw new PricingException("cannot read price file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new PricingException("price file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return parse(bytes, file.toString());
    }

    private static ApiPrices parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = Json.mapper().reader()
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new PricingException("price file " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PricingException("price file " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(source, "", "the file must hold a JSON object");
        }
        JsonNode version = root.get("schema_version");
        if (version == null || !version.isIntegralNumber() || version.asInt() != 1) {
            throw invalid(source, "schema_version", "must be 1");
        }
        LocalDate captured = date(root, "captured_at", source, "captured_at");
        String note = root.path("note").asText("");
        JsonNode providersNode = root.get("providers");
        if (providersNode == null || !providersNode.isObject() || providersNode.isEmpty()) {
            throw invalid(source, "providers", "must hold at least one provider");
        }
        List<Provider> providers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = providersNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            String at = "providers." + p.getKey();
            JsonNode node = p.getValue();
            if (!node.isObject()) {
                throw invalid(source, at, "must be an object");
            }
            String displayName = text(node, "display_name", source, at);
            String url = text(node, "source_url", source, at);
            if (!url.startsWith("https://")) {
                throw invalid(source, at + ".source_url", "must start with https://");
            }
            LocalDate providerDate = date(node, "captured_at", source, at + ".captured_at");
            String priceClass = text(node, "class", source, at);
            if (!priceClass.equals("open") && !priceClass.equals("frontier")) {
                throw invalid(source, at + ".class", "must be 'open' or 'frontier', got '" + priceClass + "'");
            }
            JsonNode modelsNode = node.get("models");
            if (modelsNode == null || !modelsNode.isObject() || modelsNode.isEmpty()) {
                throw invalid(source, at + ".models", "must hold at least one model");
            }
            List<Model> models = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> m = modelsNode.fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> model = m.next();
                String mAt = at + ".models." + model.getKey();
                if (!model.getValue().isObject()) {
                    throw invalid(source, mAt, "must be an object");
                }
                String name = text(model.getValue(), "name", source, mAt);
                double in = price(model.getValue(), "input_per_1m", source, mAt);
                double out = price(model.getValue(), "output_per_1m", source, mAt);
                if (out < in) {
                    notes.add(p.getKey() + ":" + model.getKey() + " prices output below input");
                }
                models.add(new Model(model.getKey(), name, in, out));
            }
            providers.add(new Provider(p.getKey(), displayName, url, providerDate, priceClass, models));
        }
        return new ApiPrices(captured, note, providers, notes);
    }

    private static String text(JsonNode node, String key, String source, String at) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw invalid(source, at + "." + key, "must be a non-empty string");
        }
        return v.asText();
    }

    private static LocalDate date(JsonNode node, String key, String source, String at) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw invalid(source, at, "must be an ISO date (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw invalid(source, at, "must be an ISO date (YYYY-MM-DD), got '" + v.asText() + "'");
        }
    }

    private static double price(JsonNode node, String key, String source, String at) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber()) {
            throw invalid(source, at + "." + key, "must be a number of USD per million tokens");
        }
        double d = v.asDouble();
        if (!(d >= MIN_PRICE && d <= MAX_PRICE)) {
            throw invalid(source, at + "." + key, "must be between " + MIN_PRICE + " and " + MAX_PRICE + ", got " + d);
        }
        return d;
    }

    private static PricingException invalid(String source, String key, String problem) {
        return new PricingException("price file " + source + (key.isEmpty() ? "" : ": " + key) + " " + problem);
    }
}

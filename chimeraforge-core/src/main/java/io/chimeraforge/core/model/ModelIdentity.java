package io.chimeraforge.core.model;

import io.chimeraforge.core.quant.Quantization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a model identifier says about itself — family, size, quantization, variant — from
 * Ollama tags ({@code llama3.2:1b-instruct-q8_0}) and Hugging Face repo names
 * ({@code Qwen/Qwen2.5-1.5B-Instruct}), and approximates an identifier to a registry model offline.
 */
public final class ModelIdentity {

    /** Families recognised beyond the registry's own. */
    private static final List<String> EXTRA_FAMILIES = List.of(
            "qwen3", "llama3.3", "gemma3", "gemma2", "gemma", "mistral", "smollm", "phi");

    private static final Pattern PARAMS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*b\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUANT = Pattern.compile(
            "\\b(iq\\d[a-z0-9_]*|q\\d_?[a-z0-9_]*|bf16|fp16|f16|f32)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern VARIANT = Pattern.compile("\\b(instruct|chat|base|it)\\b",
            Pattern.CASE_INSENSITIVE);

    private ModelIdentity() {
    }

    /** The identifier lower-cased with {@code - _ . :} and spaces removed, for family matching. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ':' && c != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Families known to the registry plus the extra ones, longest first. */
    static List<String> knownFamilies(ModelRegistry registry) {
        List<String> families = new ArrayList<>(registry.families());
        for (String extra : EXTRA_FAMILIES) {
            if (!families.contains(extra)) {
                families.add(extra);
            }
        }
        families.sort(Comparator.comparingInt((String f) -> normalise(f).length()).reversed());
        return families;
    }

    /** The first known family (longest first) whose normalised name occurs in the identifier. */
    public static Optional<String> parseFamily(String identifier, ModelRegistry registry) {
        String normalised = normalise(identifier);
        for (String family : knownFamilies(registry)) {
            if (normalised.contains(normalise(family))) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }

    /** The first {@code <number>b} in the identifier, in billions ({@code "8B"} gives 8.0). */
    public static OptionalDouble parseParamsB(String identifier) {
        Matcher m = PARAMS.matcher(identifier);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }

    /**
     * The quantization the identifier names ({@code q8_0} gives {@code Q8_0}, {@code f16} gives
     * {@code FP16}), if the first such token is a known quantization.
     */
    public static Optional<String> parseQuant(String identifier) {
        Matcher m = QUANT.matcher(identifier);
        if (!m.find()) {
            return Optional.empty();
        }
        String quant = m.group(1).toUpperCase(Locale.ROOT);
        if (quant.equals("F16")) {
            quant = "FP16";
        } else if (quant.equals("F32")) {
            quant = "FP32";
        }
        return Quantization.isKnown(quant) ? Optional.of(quant) : Optional.empty();
    }

    /** {@code instruct}, {@code chat} or {@code base} ({@code it} reads as instruct). */
    public static Optional<String> parseVariant(String identifier) {
        Matcher m = VARIANT.matcher(identifier);
        if (!m.find()) {
            return Optional.empty();
        }
        String variant = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(variant.equals("it") ? "instruct" : variant);
    }

    /**
     * Approximates an identifier to a registry model, offline: the exact name; else, when the
     * identifier states a size, the family member nearest it if within 50% of it (a parsed size is
     * always honoured: {@code llama3.1:405b} never becomes the 8B model); else, with no size
     * stated, the family's member when it has exactly one.
     */
    public static Optional<RegistryModel> approximate(String identifier, ModelRegistry registry) {
        Optional<RegistryModel> exact = registry.find(identifier);
        if (exact.isPresent()) {
            return exact;
        }
        Optional<String> family = parseFamily(identifier, registry);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        List<RegistryModel> members = new ArrayList<>();
        for (RegistryModel model : registry.all()) {
            if (model.family().equals(family.get())) {
                members.add(model);
            }
        }
        if (members.isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble parsed = parseParamsB(identifier);
        if (parsed.isEmpty() || parsed.getAsDouble() <= 0) {
            // No size to honour: only a family with one member names a model unambiguously.
            return members.size() == 1 ? Optional.of(members.get(0)) : Optional.empty();
        }
        double wanted = parsed.getAsDouble();
        RegistryModel nearest = members.get(0);
        for (RegistryModel model : members) {
            if (Math.abs(model.paramsB() - wanted) < Math.abs(nearest.paramsB() - wanted)) {
                nearest = model;
            }
        }
        return Math.abs(nearest.paramsB() - wanted) / wanted <= 0.5 ? Optional.of(nearest) : Optional.empty();
    }
}

package io.chimeraforge.core.hardware;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.internal.CsvResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable list of GPU types, in catalog order, with the reference tool's name matching.
 *
 * <p>Two lookups: {@link #find} is the reference's lenient matching (the first row, in catalog
 * order, that contains the query or is contained in it), kept for figures such as
 * {@link #bandwidthRatio}; {@link #match} and {@link #require}, which planning uses, refuse a
 * partial name that fits several GPU models ({@code "GB"}, {@code "RTX"}, {@code "80GB"}) and say
 * which row a partial name resolved to. Measurements are labelled through {@link #requireSingle}
 * (a name given by the user) and {@link #identify} (a device name reported by the driver).
 */
public final class GpuCatalog {

    /** The GPU every figure of the bundled corpus was measured on. */
    public static final String REFERENCE_GPU_NAME = "RTX 4080 12GB";
    /** Bandwidth ratio base when a catalog has no row for the reference GPU, GB/s. */
    private static final double FALLBACK_REFERENCE_BANDWIDTH_GBPS = 556.0;

    private static final String BUNDLED_RESOURCE = "gpus.csv";
    /** v0.30.0's rows where they differ from {@code gpus.csv}, replaced by name. */
    private static final String REFERENCE_OVERRIDES_RESOURCE = "gpus-v0.30.0-overrides.csv";
    private static final class Bundled {
        static final GpuCatalog INSTANCE = load();
    }
    /** Loaded on first use only: a default plan never reads the overrides. */
    private static final class BundledReference {
        static final GpuCatalog INSTANCE = Bundled.INSTANCE.withRows(rows(REFERENCE_OVERRIDES_RESOURCE));
    }

    private final List<Gpu> gpus;
    /** Lower-cased names, index-aligned with {@link #gpus}: matching runs on every plan. */
    private final String[] keys;

    private GpuCatalog(List<Gpu> gpus) {
        this.gpus = List.copyOf(gpus);
        this.keys = new String[gpus.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = gpus.get(i).name().toLowerCase(Locale.ROOT);
        }
    }

    /** A catalog of the given GPUs, in the given order (names must be unique, ignoring case). */
    public static GpuCatalog of(List<Gpu> gpus) {
        Objects.requireNonNull(gpus, "gpus");
        List<String> seen = new ArrayList<>();
        for (Gpu gpu : gpus) {
            String key = gpu.name().toLowerCase(Locale.ROOT);
            if (seen.contains(key)) {
                throw new IllegalArgumentException("duplicate GPU name in catalog: " + gpu.name());
            }
            seen.add(key);
        }
        return new GpuCatalog(gpus);
    }

    /**
     * The 22 GPUs bundled with the project (the resource {@code gpus.csv}), with upstream's
     * corrected reference rig: {@code RTX 4080 12GB} at 432 GB/s and 150 W. The same as
     * {@code bundled(Compat.CORRECTED)}.
     */
    public static GpuCatalog bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * The bundled GPUs as a behaviour has them: {@link Compat#REFERENCE} is v0.30.0's table, whose
     * one different row is {@code RTX 4080 12GB} at 556 GB/s and 285 W.
     */
    public static GpuCatalog bundled(Compat compat) {
        return Objects.requireNonNull(compat, "compat") == Compat.REFERENCE ? BundledReference.INSTANCE : Bundled.INSTANCE;
    }

    /** This catalog with rows replaced by name (case-insensitive), keeping catalog order. */
    private GpuCatalog withRows(List<Gpu> replacements) {
        List<Gpu> rows = new ArrayList<>(gpus);
        for (Gpu replacement : replacements) {
            int at = indexOf(replacement.name());
            if (at < 0) {
                throw new IllegalStateException("override for a GPU not in the catalog: " + replacement.name());
            }
            rows.set(at, replacement);
        }
        return new GpuCatalog(rows);
    }

    private int indexOf(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Every GPU, in catalog order. */
    public List<Gpu> all() {
        return gpus;
    }

    /** Every GPU sorted by name, as the listings show them. */
    public List<Gpu> sortedByName() {
        List<Gpu> sorted = new ArrayList<>(gpus);
        sorted.sort(Comparator.comparing(Gpu::name));
        return sorted;
    }

    /**
     * Finds a GPU the way the reference does: a case-insensitive exact name first, then the first
     * row (catalog order) whose name contains the query or is contained in it.
     */
    public Optional<Gpu> find(String query) {
        if (query == null) {
            return Optional.empty();
        }
        String wanted = query.toLowerCase(Locale.ROOT);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(wanted)) {
                return Optional.of(gpus.get(i));
            }
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].contains(wanted) || wanted.contains(keys[i])) {
                return Optional.of(gpus.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The GPU a name resolves to, and a note when it was not the exact name.
     *
     * @param gpu  the resolved row
     * @param note empty for an exact (case-insensitive) name; otherwise what the partial name
     *             matched, for the caller to show
     */
    public record Match(Gpu gpu, Optional<String> note) {
        public Match {
            Objects.requireNonNull(gpu, "gpu");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * Resolves a GPU name for planning: an exact (case-insensitive) name; else the rows whose name
     * contains the query or is contained in it. One row resolves, with a note. Several rows resolve
     * only when they are one GPU model in several memory sizes ({@code "A100"}: A100 40GB and 80GB,
     * {@code "4080"}): the first in catalog order, with a note naming the others (kept because the
     * reference resolves them so and its recorded plans depend on it). Anything else is refused.
     *
     * @throws NullPointerException   when {@code query} is null
     * @throws UnknownGpuException    when nothing matches (or the query is blank)
     * @throws AmbiguousGpuException  when the rows matched are different GPU models
     */
    public Match match(String query) {
        Objects.requireNonNull(query, "query");
        String wanted = query.toLowerCase(Locale.ROOT).strip();
        if (wanted.isEmpty()) {
            throw new UnknownGpuException(query, knownNames());
        }
        int exact = indexOf(wanted);
        if (exact >= 0) {
            return new Match(gpus.get(exact), Optional.empty());
        }
        List<Gpu> matched = partialMatches(wanted);
        if (matched.isEmpty()) {
            throw new UnknownGpuException(query, knownNames());
        }
        List<String> names = names(matched);
        String model = modelOf(matched.get(0).name());
        for (Gpu gpu : matched) {
            if (!modelOf(gpu.name()).equals(model)) {
                throw new AmbiguousGpuException(query, names);
            }
        }
        Gpu chosen = matched.get(0);
        String note = "'" + query + "' matched " + chosen.name()
                + (matched.size() > 1 ? " (also: " + String.join(", ", names.subList(1, names.size()))
                        + "; name the GPU in full to choose)" : "");
        return new Match(chosen, Optional.of(note));
    }

    /** The rows whose lower-cased name contains {@code wanted} or is contained in it, in catalog order. */
    private List<Gpu> partialMatches(String wanted) {
        List<Gpu> matched = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].contains(wanted) || wanted.contains(keys[i])) {
                matched.add(gpus.get(i));
            }
        }
        return matched;
    }

    private static List<String> names(List<Gpu> rows) {
        List<String> names = new ArrayList<>(rows.size());
        for (Gpu gpu : rows) {
            names.add(gpu.name());
        }
        return names;
    }

    /**
     * Resolves a name that labels a measurement (e.g. {@code bench --hardware}): matched as
     * {@link #match} matches, except that a partial name must fit exactly one row. {@link #match}
     * lets {@code "A100"} stand for the first A100 (fine for a what-if plan); a measurement filed
     * under the wrong memory size would be extrapolated with the wrong bandwidth, so here it is
     * refused with the candidates.
     *
     * @return the row; its {@link Gpu#name()} is the canonical label
     * @throws NullPointerException   when {@code query} is null
     * @throws UnknownGpuException    when nothing matches (or the query is blank); the message lists the catalog
     * @throws AmbiguousGpuException  when a partial name fits several rows; it lists them
     */
    public Gpu requireSingle(String query) {
        Objects.requireNonNull(query, "query");
        String wanted = query.toLowerCase(Locale.ROOT).strip();
        if (wanted.isEmpty()) {
            throw new UnknownGpuException(query, knownNames());
        }
        int exact = indexOf(wanted);
        if (exact >= 0) {
            return gpus.get(exact);
        }
        List<Gpu> matched = partialMatches(wanted);
        if (matched.isEmpty()) {
            throw new UnknownGpuException(query, knownNames());
        }
        if (matched.size() > 1) {
            throw new AmbiguousGpuException(query, names(matched));
        }
        return matched.get(0);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*gb$");

    /** How far a device's memory may be from a row's capacity for the row to describe it: 15%. */
    private static final double MEMORY_TOLERANCE = 0.15;

    /**
     * The catalog row a device name as the driver reports it denotes, when exactly one row fits
     * (for labelling a measurement automatically; when in doubt, nothing). {@code nvidia-smi}
     * names carry vendor words and no memory size ({@code "NVIDIA GeForce RTX 4090"},
     * {@code "NVIDIA A100-SXM4-80GB"}, {@code "NVIDIA GeForce RTX 4080 Laptop GPU"}), so: the
     * device name is split into words; the rows whose GPU model ({@code "rtx 4060 ti"}) occurs in
     * it as whole consecutive words, the longest model winning ({@code "RTX 4060 Ti"} is not an
     * RTX 4060); among those, a memory size written in the name ({@code 80GB}) selects; then the
     * device's memory, when known, must be within 15% of the row's capacity and, between memory
     * sizes of one model, picks the nearest. A laptop part reporting less memory than the desktop
     * card of the same name (a different card) therefore matches nothing.
     *
     * @param deviceName the driver's device name
     * @param memoryGib  the device's total memory in GiB, when known
     */
    public Optional<Gpu> identify(String deviceName, OptionalDouble memoryGib) {
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(memoryGib, "memoryGib");
        List<String> words = words(deviceName);
        List<Gpu> candidates = new ArrayList<>();
        int longest = 0;
        for (Gpu gpu : gpus) {
            List<String> model = words(modelOf(gpu.name()));
            if (model.isEmpty() || Collections.indexOfSubList(words, model) < 0 || model.size() < longest) {
                continue;
            }
            if (model.size() > longest) {
                longest = model.size();
                candidates.clear();
            }
            candidates.add(gpu);
        }
        List<Gpu> sized = new ArrayList<>();
        for (Gpu gpu : candidates) {
            if (words.contains(sizeWord(gpu.name()))) {
                sized.add(gpu);
            }
        }
        if (!sized.isEmpty()) {
            candidates = sized;
        }
        if (memoryGib.isPresent()) {
            double memory = memoryGib.getAsDouble();
            Gpu nearest = null;
            double nearestGap = Double.POSITIVE_INFINITY;
            boolean tie = false;
            for (Gpu gpu : candidates) {
                double gap = Math.abs(gpu.vramGb() - memory);
                if (gap > MEMORY_TOLERANCE * gpu.vramGb()) {
                    continue;
                }
                if (gap < nearestGap) {
                    nearest = gpu;
                    nearestGap = gap;
                    tie = false;
                } else if (gap == nearestGap) {
                    tie = true;
                }
            }
            return nearest == null || tie ? Optional.empty() : Optional.of(nearest);
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** Lower-cased alphanumeric words: {@code "NVIDIA A100-SXM4-80GB"} gives {@code [nvidia, a100, sxm4, 80gb]}. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** The memory size of a row's name as one word ({@code "80gb"}), or empty when the name has none. */
    private static String sizeWord(String name) {
        Matcher m = SIZE.matcher(name.toLowerCase(Locale.ROOT));
        return m.find() ? m.group(1) + "gb" : "";
    }

    /** The GPU model without its memory size: {@code "RTX 4060 Ti 16GB"} gives {@code "rtx 4060 ti"}. */
    private static String modelOf(String name) {
        return name.toLowerCase(Locale.ROOT).replaceFirst("\\s*\\d+\\s*gb$", "");
    }

    /**
     * The GPU {@link #match} resolves the name to, without the note.
     *
     * @throws NullPointerException   when {@code query} is null
     * @throws UnknownGpuException    when nothing matches
     * @throws AmbiguousGpuException  when the name fits several GPU models
     */
    public Gpu require(String query) {
        return match(query).gpu();
    }

    /** Known GPU names sorted alphabetically, comma-separated, as error messages list them. */
    public String knownNames() {
        StringBuilder names = new StringBuilder();
        for (Gpu gpu : sortedByName()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(gpu.name());
        }
        return names.toString();
    }

    /**
     * Memory bandwidth relative to this catalog's reference GPU row ({@link #REFERENCE_GPU_NAME};
     * 556 GB/s when the catalog has none); 1.0 when the GPU is unknown.
     */
    public double bandwidthRatio(String query) {
        int reference = indexOf(REFERENCE_GPU_NAME);
        double base = reference >= 0 ? gpus.get(reference).bandwidthGbps() : FALLBACK_REFERENCE_BANDWIDTH_GBPS;
        return find(query).map(g -> g.bandwidthGbps() / base).orElse(1.0);
    }

    /**
     * Whether the query names the reference GPU (where the corpus was measured). A missing query
     * counts as the reference, an unknown GPU does not.
     */
    public boolean isReference(String query) {
        if (query == null) {
            return true;
        }
        return find(query).map(g -> g.name().equals(REFERENCE_GPU_NAME)).orElse(false);
    }

    private static GpuCatalog load() {
        return new GpuCatalog(rows(BUNDLED_RESOURCE));
    }

    private static List<Gpu> rows(String resource) {
        List<Gpu> rows = new ArrayList<>();
        for (String[] f : CsvResource.rows(GpuCatalog.class, resource, 8)) {
            rows.add(new Gpu(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                    Boolean.parseBoolean(f[7])));
        }
        return rows;
    }
}

package io.chimeraforge.planner.workload;

import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Compat;
import io.chimeraforge.planner.workload.internal.ProfileJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Measured traffic, in the terms a plan takes: request rate, mean prompt and output lengths, the
 * variance term of the queueing tail, the prefix-cache hit rate. A profile is derived from a
 * request log or a Prometheus scrape by a {@link WorkloadProfiler}, or read back from a profile
 * file with {@link #read(Path)}; it is written in the reference's profile format (schema 1), so
 * files move between this tool and the Python one.
 *
 * <p>A quantity the source could not support is absent (listed in {@link #absent()}, with a note
 * saying why) and is never given a default. Immutable and thread-safe.
 */
public final class WorkloadProfile {

    /** The profile file format's version. */
    public static final int SCHEMA_VERSION = 1;

    private final Instant capturedAt;
    private final String source;
    private final String engine;
    private final String engineVersion;
    private final long sampleCount;
    private final double windowSeconds;
    private final Map<ProfileKey, ProfileField> fields;
    private final List<ProfileKey> absent;
    private final List<String> notes;

    private WorkloadProfile(Builder b) {
        this.capturedAt = b.capturedAt;
        this.source = b.source;
        this.engine = b.engine;
        this.engineVersion = b.engineVersion;
        this.sampleCount = b.sampleCount;
        this.windowSeconds = b.windowSeconds;
        this.fields = Collections.unmodifiableMap(new EnumMap<>(b.fields));
        this.absent = List.copyOf(b.absent);
        this.notes = List.copyOf(b.notes);
    }

    /** A builder for a profile assembled by hand (profilers use it too). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a profile file with the default (corrected) behaviour: a field without a provenance
     * reads as {@code unknown}.
     *
     * @throws WorkloadException when the file is missing, not JSON, of another schema version, or
     *                           has a malformed field
     */
    public static WorkloadProfile read(Path file) {
        return read(file, Compat.defaults());
    }

    /**
     * Reads a profile file. Under {@link Compat#REFERENCE} a field without a provenance reads as
     * {@code estimated}, as chimeraforge v0.30.0 reads it; otherwise as {@code unknown}.
     *
     * @throws WorkloadException when the file is missing, not JSON, of another schema version, or
     *                           has a malformed field
     */
    public static WorkloadProfile read(Path file, Compat compat) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(compat, "compat");
        return ProfileJson.read(file, compat);
    }

    /** When the profile was derived (whole seconds, UTC). */
    public Instant capturedAt() {
        return capturedAt;
    }

    /** Where it was derived from: a file name or a URL. */
    public String source() {
        return source;
    }

    /** The serving engine the data came from, or {@code unknown}. */
    public String engine() {
        return engine;
    }

    /** The engine's version as given by the user, or {@code unknown}. */
    public String engineVersion() {
        return engineVersion;
    }

    /** How many requests the figures rest on. */
    public long sampleCount() {
        return sampleCount;
    }

    /** The time the log spans, in seconds (0 for a scrape). */
    public double windowSeconds() {
        return windowSeconds;
    }

    /** The quantities present, in file order. */
    public Map<ProfileKey, ProfileField> fields() {
        return fields;
    }

    /** The quantity {@code key}, if the profile has it. */
    public Optional<ProfileField> field(ProfileKey key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** The quantities the source could not support, in the order they were found missing. */
    public List<ProfileKey> absent() {
        return absent;
    }

    /** Remarks for people: skipped lines, too few samples, what a scrape cannot show. */
    public List<String> notes() {
        return notes;
    }

    /**
     * The plan inputs this profile supplies: request rate, prompt tokens and output tokens (rounded
     * half-to-even to whole tokens), the variance term and the prefix-cache hit rate. Peak
     * concurrency, queue depth and the arrival CV² are informational and not among them.
     */
    public PlanInputs planInputs() {
        return new PlanInputs(value(ProfileKey.REQUEST_RATE), tokens(ProfileKey.PROMPT_TOKENS),
                tokens(ProfileKey.OUTPUT_TOKENS), value(ProfileKey.WORKLOAD_CV2),
                value(ProfileKey.PREFIX_CACHE_HIT_RATE));
    }

    private OptionalDouble value(ProfileKey key) {
        ProfileField f = fields.get(key);
        return f == null ? OptionalDouble.empty() : OptionalDouble.of(f.value());
    }

    private OptionalInt tokens(ProfileKey key) {
        ProfileField f = fields.get(key);
        if (f == null || !Double.isFinite(f.value())) {
            return OptionalInt.empty();
        }
        double rounded = Math.rint(f.value()); // Python's round(): half to even
        return rounded > Integer.MAX_VALUE || rounded < Integer.MIN_VALUE ? OptionalInt.empty()
                : OptionalInt.of((int) rounded);
    }

    /**
     * The profile as JSON in the reference's layout (two-space indent): {@code schema_version},
     * {@code captured_at}, {@code source}, {@code engine}, {@code engine_version},
     * {@code sample_count}, {@code window_seconds}, {@code fields}, {@code absent}, {@code notes}.
     */
    public String toJson() {
        return ProfileJson.write(this);
    }

    /**
     * Writes {@link #toJson()} and a newline to {@code file} atomically (a temporary file moved
     * over the target; a crash never leaves half a profile), creating parent directories.
     *
     * @throws WorkloadException when the file cannot be written
     */
    public void write(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            AtomicFiles.write(file, (toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WorkloadException("cannot write workload profile " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A Markdown summary: the quantities with their provenance and notes, then what was not
     * measured (and is not defaulted), then the notes.
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Workload profile\n\n");
        md.append("Source: `").append(source).append("` (engine ").append(engine).append(", ")
                .append(sampleCount).append(" requests)\n\n");
        md.append("| Field | Value | Provenance | Note |\n|---|---:|---|---|\n");
        fields.forEach((k, f) -> md.append("| ").append(k.id()).append(" | ")
                .append(io.chimeraforge.core.PyNumbers.repr(f.value())).append(" | ").append(f.provenance())
                .append(" | ").append(f.note().replace("|", "\\|")).append(" |\n"));
        if (!absent.isEmpty()) {
            md.append("\n### Not measured\n\n");
            for (ProfileKey k : absent) {
                md.append("- ").append(k.id()).append(" (not defaulted: supply it yourself)\n");
            }
        }
        if (!notes.isEmpty()) {
            md.append("\n### Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkloadProfile p && capturedAt.equals(p.capturedAt) && source.equals(p.source)
                && engine.equals(p.engine) && engineVersion.equals(p.engineVersion) && sampleCount == p.sampleCount
                && Double.compare(windowSeconds, p.windowSeconds) == 0 && fields.equals(p.fields)
                && absent.equals(p.absent) && notes.equals(p.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capturedAt, source, engine, engineVersion, sampleCount, windowSeconds, fields, absent,
                notes);
    }

    @Override
    public String toString() {
        return "WorkloadProfile[" + source + ", engine=" + engine + ", samples=" + sampleCount + ", fields="
                + fields + ", absent=" + absent + "]";
    }

    /** Builds a profile; every setting but {@code source} has a default. */
    public static final class Builder {
        private Instant capturedAt = Instant.EPOCH;
        private String source;
        private String engine = "unknown";
        private String engineVersion = "unknown";
        private long sampleCount;
        private double windowSeconds;
        private final Map<ProfileKey, ProfileField> fields = new EnumMap<>(ProfileKey.class);
        private final List<ProfileKey> absent = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder() {
        }

        /** When the profile was derived; truncated to whole seconds. Default: the epoch. */
        public Builder capturedAt(Instant value) {
            capturedAt = Objects.requireNonNull(value, "capturedAt").truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        /** Where the data came from (required). */
        public Builder source(String value) {
            source = Objects.requireNonNull(value, "source");
            return this;
        }

        /** The serving engine. Default {@code unknown}. */
        public Builder engine(String value) {
            engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /** The engine's version. Default {@code unknown}. */
        public Builder engineVersion(String value) {
            engineVersion = Objects.requireNonNull(value, "engineVersion");
            return this;
        }

        /** How many requests the figures rest on, ≥ 0. Default 0. */
        public Builder sampleCount(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("sampleCount must be >= 0, got " + value);
            }
            sampleCount = value;
            return this;
        }

        /** The time the data spans, in seconds, ≥ 0. Default 0. */
        public Builder windowSeconds(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("windowSeconds must be finite and >= 0, got " + value);
            }
            windowSeconds = value;
            return this;
        }

        /** Sets a quantity, replacing an earlier one of the same key. */
        public Builder field(ProfileKey key, ProfileField value) {
            fields.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Records that {@code key} could not be measured (once; a repeat is ignored). */
        public Builder absent(ProfileKey key) {
            Objects.requireNonNull(key, "key");
            if (!absent.contains(key)) {
                absent.add(key);
            }
            return this;
        }

        /** Adds a note for people. */
        public Builder note(String value) {
            notes.add(Objects.requireNonNull(value, "note"));
            return this;
        }

        /** Whether a quantity has been set. */
        public boolean has(ProfileKey key) {
            return fields.containsKey(key);
        }

        /** The profile. */
        public WorkloadProfile build() {
            if (source == null) {
                throw new IllegalStateException("source must be set");
            }
            return new WorkloadProfile(this);
        }
    }
}

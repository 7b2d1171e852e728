package io.chimeraforge.planner.internal.resolve;

import io.chimeraforge.core.model.ModelSpecJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.model.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolved specs under {@code <root>/specs/<key>.json} (planner-extensions §0.2). Entries are
 * stamped with the date they were fetched ({@code _captured_at}) and, by default, expire after
 * {@value #TTL_DAYS} days (upstream's fix; v0.30.0 never expired them). Writes are atomic; a
 * corrupt or unreadable entry is a miss, never an error.
 */
public final class SpecCache {

    /** Days an entry stays fresh. */
    public static final int TTL_DAYS = 30;
    private static final String STAMP = "_captured_at";
    private static final int MAX_ENTRY_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SpecCache.class);

    private final Path specs;
    private final Compat compat;

    /** A cache under {@code root}/specs. */
    public SpecCache(Path root, Compat compat) {
        this.specs = root.resolve("specs");
        this.compat = compat;
    }

    /** The file name stem of an identifier: lower case, anything outside {@code [A-Za-z0-9_.-]} as {@code _}. */
    public static String key(String identifier) {
        return identifier.toLowerCase(java.util.Locale.ROOT).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The file an identifier is stored in. */
    public Path file(String identifier) {
        return specs.resolve(key(identifier) + ".json");
    }

    /** The cached spec, when present, readable and (by default) fresh on {@code today}. */
    public Optional<ModelSpec> load(String identifier, LocalDate today) {
        Path file = file(identifier);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_ENTRY_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("ignoring unreadable spec cache entry {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        try {
            if (bytes.length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("larger than " + MAX_ENTRY_BYTES + " bytes");
            }
            JsonNode node = Json.mapper().readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode stamp = ((ObjectNode) node).remove(STAMP);
            if (compat == Compat.CORRECTED && !fresh(stamp, today)) {
                LOG.debug("spec cache entry {} is stale or unstamped; resolving again", file);
                return Optional.empty();
            }
            return Optional.of(ModelSpecJson.read(node));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("ignoring corrupt spec cache entry {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean fresh(JsonNode stamp, LocalDate today) {
        if (stamp == null || !stamp.isTextual() || stamp.asText().isEmpty()) {
            return false;
        }
        try {
            return ChronoUnit.DAYS.between(LocalDate.parse(stamp.asText()), today) <= TTL_DAYS;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Stores {@code spec} under {@code identifier}, stamped {@code today}; a failure only logs. */
    public void store(String identifier, ModelSpec spec, LocalDate today) {
        Path file = file(identifier);
        Optional<String[]> stamp = compat == Compat.CORRECTED
                ? Optional.of(new String[] {STAMP, today.toString()}) : Optional.empty();
        try {
            AtomicFiles.write(file, (ModelSpecJson.write(spec, stamp) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("could not write spec cache entry {}: {}", file, e.getMessage());
        }
    }
}

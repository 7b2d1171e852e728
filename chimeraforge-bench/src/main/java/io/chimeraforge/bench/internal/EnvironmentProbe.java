package io.chimeraforge.bench.internal;

import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.result.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Captures environment metadata (spec §1.11); never fails the benchmark. */
public final class EnvironmentProbe {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentProbe.class);
    /** Version written as {@code chimeraforge_version}. */
    public static final String VERSION = "java-0.1.0";

    private EnvironmentProbe() {
    }

    /**
     * GPU name, driver and CUDA version of GPU 0 from {@code nvidia-smi}, each empty when unknown,
     * and its total memory in MiB (used to tell memory sizes of one GPU model apart when labelling
     * the run with a catalog GPU; not written to the environment record).
     */
    public record Gpu(Optional<String> name, Optional<String> driver, Optional<String> cuda, OptionalDouble memoryMib) {

        /** A GPU whose memory is unknown. */
        public Gpu(Optional<String> name, Optional<String> driver, Optional<String> cuda) {
            this(name, driver, cuda, OptionalDouble.empty());
        }

        /** Nothing known (no probe, or it failed). */
        public static Gpu unknown() {
            return new Gpu(Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * The catalog GPU this device is, when its name (and memory) identify exactly one row
         * ({@link GpuCatalog#identify}); empty otherwise.
         */
        public Optional<String> catalogName(GpuCatalog catalog) {
            if (name.isEmpty()) {
                return Optional.empty();
            }
            OptionalDouble gib = memoryMib.isPresent() ? OptionalDouble.of(memoryMib.getAsDouble() / 1024)
                    : OptionalDouble.empty();
            return catalog.identify(name.get(), gib).map(io.chimeraforge.core.hardware.Gpu::name);
        }
    }

    /** The longest the whole GPU probe may take; {@code nvidia-smi} is killed at this limit. */
    public static final Duration GPU_PROBE_LIMIT = Duration.ofSeconds(3);

    /**
     * Probes {@code nvidia-smi} once, bounded to {@link #GPU_PROBE_LIMIT} for both of its calls
     * together (a hung driver cannot hold the run); all-empty when absent, failing or too slow.
     */
    public static Gpu gpu() {
        return gpu("nvidia-smi", GPU_PROBE_LIMIT);
    }

    /** {@link #gpu()} with another executable and limit (for tests). */
    static Gpu gpu(String executable, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            List<String> query = run(deadline, executable, "--query-gpu=name,driver_version,memory.total",
                    "--format=csv,noheader,nounits");
            if (query.isEmpty()) {
                return Gpu.unknown();
            }
            String[] parts = query.get(0).split(",");
            Optional<String> cuda = Optional.empty();
            for (String line : run(deadline, executable)) {
                int at = line.indexOf("CUDA Version:");
                if (at >= 0) {
                    cuda = Optional.of(line.substring(at + 13).replace("|", "").strip());
                }
            }
            return new Gpu(Optional.of(parts[0].strip()),
                    parts.length > 1 ? Optional.of(parts[1].strip()) : Optional.empty(), cuda,
                    parts.length > 2 ? mebibytes(parts[2]) : OptionalDouble.empty());
        } catch (Exception e) {
            LOG.debug("no GPU information: {}", e.toString());
            return Gpu.unknown();
        }
    }

    /** A memory figure as {@code nvidia-smi} prints it without units ({@code 24564}); empty when not a positive number ({@code [N/A]}). */
    private static OptionalDouble mebibytes(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return value > 0 && Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Runs a command until {@code deadline}; output goes to a temporary file so a full pipe cannot block it. */
    private static List<String> run(long deadline, String... command) throws Exception {
        Path out = Files.createTempFile("chimeraforge-probe", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    LOG.debug("{} did not finish within the GPU probe limit; killed", command[0]);
                    return List.of();
                }
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            return p.exitValue() == 0 ? Files.readAllLines(out, StandardCharsets.UTF_8) : List.of();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The environment record for a backend. */
    public static Environment capture(Gpu gpu, String backend, Optional<String> backendVersion) {
        String osName = System.getProperty("os.name", "");
        String lower = osName.toLowerCase(Locale.ROOT);
        String family = lower.startsWith("linux") ? "Linux" : lower.startsWith("mac") ? "Darwin"
                : lower.startsWith("windows") ? "Windows" : osName;
        String platform = family + "-" + System.getProperty("os.version", "") + "-" + System.getProperty("os.arch", "");
        return new Environment(family, platform, Optional.ofNullable(System.getProperty("java.runtime.version")),
                VERSION, gpu.name(), gpu.driver(), gpu.cuda(), backend, backendVersion, Optional.of("java"));
    }
}

package io.chimeraforge.bench.internal;

import io.chimeraforge.bench.result.Environment;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /** GPU name, driver and CUDA version of GPU 0 from {@code nvidia-smi}, each empty when unknown. */
    public record Gpu(Optional<String> name, Optional<String> driver, Optional<String> cuda) {
    }

    /** Probes {@code nvidia-smi} once (bounded to 5 s); all-empty when absent. */
    public static Gpu gpu() {
        try {
            List<String> query = run("nvidia-smi", "--query-gpu=name,driver_version", "--format=csv,noheader");
            if (query.isEmpty()) {
                return new Gpu(Optional.empty(), Optional.empty(), Optional.empty());
            }
            String[] parts = query.get(0).split(",");
            Optional<String> cuda = Optional.empty();
            for (String line : run("nvidia-smi")) {
                int at = line.indexOf("CUDA Version:");
                if (at >= 0) {
                    cuda = Optional.of(line.substring(at + 13).replace("|", "").strip());
                }
            }
            return new Gpu(Optional.of(parts[0].strip()),
                    parts.length > 1 ? Optional.of(parts[1].strip()) : Optional.empty(), cuda);
        } catch (Exception e) {
            LOG.debug("no GPU information: {}", e.toString());
            return new Gpu(Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static List<String> run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        return p.exitValue() == 0 ? lines : List.of();
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

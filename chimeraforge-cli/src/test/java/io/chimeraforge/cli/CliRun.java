package io.chimeraforge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with captured streams and an isolated cache directory. */
record CliRun(int exitCode, String stdout, String stderr) {

    static CliRun of(Path cacheDir, String... args) {
        return of(cacheDir, Instant.parse("2026-11-22T12:00:00Z"), args);
    }

    static CliRun of(Path cacheDir, Instant now, String... args) {
        return run(cacheDir, now, false, args);
    }

    /** As {@link #of(Path, String...)} but with stderr taken for an interactive terminal. */
    static CliRun interactive(Path cacheDir, String... args) {
        return run(cacheDir, Instant.parse("2026-11-22T12:00:00Z"), true, args);
    }

    /** As {@link #of(Path, String...)} with {@code extraEnv} added to the environment. */
    static CliRun withEnv(Path cacheDir, Map<String, String> extraEnv, String... args) {
        return run(cacheDir, Instant.parse("2026-11-22T12:00:00Z"), false, extraEnv, args);
    }

    private static CliRun run(Path cacheDir, Instant now, boolean terminal, String... args) {
        return run(cacheDir, now, terminal, Map.of(), args);
    }

    private static CliRun run(Path cacheDir, Instant now, boolean terminal, Map<String, String> extraEnv,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Map<String, String> vars = new java.util.HashMap<>(extraEnv);
            vars.put("CHIMERAFORGE_CACHE", cacheDir.toString());
            CliEnvironment env = new CliEnvironment(o, e, vars,
                    cacheDir, Clock.fixed(now, ZoneOffset.UTC), terminal);
            int code = ChimeraforgeCli.run(args, env);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    List<String> stderrLines() {
        return stderr.isEmpty() ? List.of() : Arrays.asList(stderr.split("\\R"));
    }
}

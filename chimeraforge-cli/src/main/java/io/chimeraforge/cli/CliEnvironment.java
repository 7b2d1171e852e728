package io.chimeraforge.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may read from outside its arguments: output streams, environment variables,
 * the user's home, and the clock. Tests pass their own; {@link #system()} is the real process.
 *
 * @param out   standard output (results only)
 * @param err   standard error (diagnostics)
 * @param env   environment variables
 * @param home  the user's home directory
 * @param clock wall clock, for dated figures
 */
public record CliEnvironment(PrintStream out, PrintStream err, Map<String, String> env, Path home, Clock clock) {

    public CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
    }

    /** The running process's streams, environment, home and clock. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.out, System.err, System.getenv(),
                Path.of(System.getProperty("user.home", ".")), Clock.systemDefaultZone());
    }

    /** An environment variable, if set and not blank. */
    public Optional<String> variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** The cache directory: {@code $CHIMERAFORGE_CACHE}, else {@code ~/.cache/chimeraforge}. */
    public Path cacheDirectory() {
        return variable("CHIMERAFORGE_CACHE").map(Path::of)
                .orElse(home.resolve(".cache").resolve("chimeraforge"));
    }
}

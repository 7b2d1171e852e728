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
 * @param terminal whether standard error is an interactive terminal (live progress is drawn only then)
 */
public record CliEnvironment(PrintStream out, PrintStream err, Map<String, String> env, Path home, Clock clock,
        boolean terminal) {

    /** Validates and copies the environment map. */
    public CliEnvironment {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(clock, "clock");
    }

    /** A non-interactive environment (no live progress), as tests and pipes see it. */
    public CliEnvironment(PrintStream out, PrintStream err, Map<String, String> env, Path home, Clock clock) {
        this(out, err, env, home, clock, false);
    }

    /** The running process's streams, environment, home and clock; interactive when it has a console. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.out, System.err, System.getenv(),
                Path.of(System.getProperty("user.home", ".")), Clock.systemDefaultZone(), System.console() != null);
    }

    /** An environment variable, if set and not blank. */
    public Optional<String> variable(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Where results are kept by default, as the reference's {@code platformdirs.user_data_dir}:
     * {@code $XDG_DATA_HOME/chimeraforge} or {@code ~/.local/share/chimeraforge} on Linux,
     * {@code ~/Library/Application Support/chimeraforge} on macOS,
     * {@code %LOCALAPPDATA%\chimeraforge\chimeraforge} on Windows.
     */
    public Path dataDirectory() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("chimeraforge");
        }
        if (os.startsWith("windows")) {
            Path local = variable("LOCALAPPDATA").map(Path::of).orElse(home.resolve("AppData").resolve("Local"));
            return local.resolve("chimeraforge").resolve("chimeraforge");
        }
        return variable("XDG_DATA_HOME").map(Path::of).orElse(home.resolve(".local").resolve("share"))
                .resolve("chimeraforge");
    }

    /** The cache directory: {@code $CHIMERAFORGE_CACHE}, else {@code ~/.cache/chimeraforge}. */
    public Path cacheDirectory() {
        return io.chimeraforge.core.corpus.MeasuredCorpus.cacheDirectory(env.get("CHIMERAFORGE_CACHE"), home);
    }
}

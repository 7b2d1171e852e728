package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard output that refuses every write (as {@code > /dev/full} does) makes every command
 * exit 1 with one line on stderr, instead of exiting 0 with the results lost.
 */
class StdoutFailureTest {

    @TempDir
    Path dir;

    /** What {@code /dev/full} does: every write fails. */
    private static final class FullDevice extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    private record Outcome(int code, String stderr) {
    }

    private Outcome runWithFullStdout(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(new FullDevice(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            CliEnvironment env = new CliEnvironment(out, e, Map.of("CHIMERAFORGE_CACHE", dir.toString()), dir,
                    Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
            int code = ChimeraforgeCli.run(args, env);
            return new Outcome(code, err.toString(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan --json", "plan", "plan --list-hardware --json", "plan --list-models", "--version",
            "plan --model-size 70b --json"})
    void planAndListingsExitOneWhenStdoutFails(String command) {
        Outcome outcome = runWithFullStdout(command.split(" "));
        assertThat(outcome.code()).isEqualTo(1);
        assertThat(outcome.stderr()).contains("could not write the results to standard output");
        assertThat(outcome.stderr().lines().filter(l -> l.startsWith("Error:")).count()).isEqualTo(1);
    }

    @Test
    void evalExitsOneWhenStdoutFails() throws IOException {
        Path pred = Files.writeString(dir.resolve("p.txt"), "the cat sat\n");
        Path ref = Files.writeString(dir.resolve("r.txt"), "the cat sat\n");
        for (String json : new String[] {"--json", "--verbose"}) {
            Outcome outcome = runWithFullStdout("eval", "-p", pred.toString(), "-r", ref.toString(), "--compat",
                    "reference", json);
            assertThat(outcome.code()).as(json).isEqualTo(1);
            assertThat(outcome.stderr()).contains("could not write the results to standard output");
        }
    }
}

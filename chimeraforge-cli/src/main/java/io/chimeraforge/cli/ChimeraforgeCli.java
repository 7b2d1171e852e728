package io.chimeraforge.cli;

import io.chimeraforge.cli.internal.StartupWarmup;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code chimeraforge} command. Exit codes: 0 success (an empty plan included), 1 an error
 * the user can fix (one line on stderr, or {@code {"error": …}} on stdout with {@code --json}),
 * 2 a command-line usage error.
 */
@Command(name = "chimeraforge", mixinStandardHelpOptions = true, versionProvider = ChimeraforgeCli.Version.class,
        description = "Capacity planning, load benchmarking and quality scoring for LLM inference.",
        subcommands = {CommandLine.HelpCommand.class})
public final class ChimeraforgeCli {

    private ChimeraforgeCli() {
    }

    /** Runs the CLI in this process and exits with its code. */
    public static void main(String[] args) {
        StartupWarmup.startFor(args);
        System.exit(run(args, CliEnvironment.system()));
    }

    /**
     * Runs the CLI against the given environment and returns the exit code; never throws and
     * never exits the JVM, so tests and embedding applications can call it directly.
     */
    public static int run(String[] args, CliEnvironment environment) {
        boolean json = Arrays.asList(args).contains("--json");
        boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
        CommandLine cli = new CommandLine(new ChimeraforgeCli());
        String invoked = args.length > 0 ? args[0] : "";
        // Building a command's model reflects over all its options; a run builds only its own
        // (all of them only for top-level help or an unknown command).
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("plan", () -> new PlanCommand(environment));
        commands.put("bench", () -> new BenchCommand(environment));
        commands.put("eval", () -> new EvalCommand(environment));
        commands.put("safety", () -> new SafetyCommand(environment));
        commands.put("workload", () -> new WorkloadCommand(environment));
        commands.put("mcp", () -> new McpCommand(environment));
        commands.put("compare", () -> new CompareCommand(environment));
        commands.put("suggest", () -> new SuggestCommand(environment));
        commands.put("catalog", () -> new CatalogCommand(environment));
        commands.put("report", () -> new ReportCommand(environment));
        commands.put("validate", () -> new ValidateCommand(environment));
        commands.put("refit", () -> new RefitCommand(environment));
        commands.put("measure", () -> new MeasureCommand(environment));
        if (commands.containsKey(invoked)) {
            cli.addSubcommand(invoked, commands.get(invoked).get());
        } else {
            commands.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        java.io.PrintWriter cliOut = new java.io.PrintWriter(environment.out(), true);
        cli.setOut(cliOut);
        cli.setErr(new java.io.PrintWriter(environment.err(), true));
        cli.setParameterExceptionHandler((e, arguments) -> {
            if (json) {
                environment.out().println(errorDocument(e.getMessage()));
            } else {
                // one line, like every other error
                environment.err().println("Usage error: " + e.getMessage() + " (see '"
                        + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            }
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = userMessage(e);
            if (verbose && !(e instanceof CliException)) {
                e.printStackTrace(environment.err());
            }
            if (json) {
                environment.out().println(errorDocument(message));
            } else {
                environment.err().println("Error: " + message);
            }
            return 1;
        });
        int code = cli.execute(args);
        cliOut.flush();
        return outputDelivered(environment, code);
    }

    /**
     * The exit code once standard output is known to have taken every byte: {@link java.io.PrintStream}
     * and {@link java.io.PrintWriter} swallow write errors (a full disk, a closed pipe), so a run whose
     * results never arrived would otherwise exit 0. Checked once here so every command gets it.
     */
    private static int outputDelivered(CliEnvironment environment, int code) {
        if (environment.out().checkError()) {
            environment.err().println("Error: could not write the results to standard output"
                    + " (disk full, or the pipe or file closed); nothing complete was written");
            return code == 0 ? 1 : code;
        }
        return code;
    }

    /**
     * What the user reads for a failed command: the message alone for a refusal of bad input (a
     * {@link CliException}, a library's {@link IllegalArgumentException} / {@link IllegalStateException},
     * or one of the libraries' own exceptions, whose messages are written for users); for anything else, which is a bug, a plain "internal error"
     * line without the exception class (its stack trace is on stderr with --verbose).
     */
    static String userMessage(Exception e) {
        boolean refusal = e instanceof CliException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof io.chimeraforge.core.CoreException
                || e instanceof io.chimeraforge.planner.PlannerException || e instanceof io.chimeraforge.eval.EvalException
                || e instanceof io.chimeraforge.bench.BenchException;
        if (refusal && e.getMessage() != null) {
            return e.getMessage();
        }
        return "internal error" + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (run again with --verbose for the details)";
    }

    /** This build's version number, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String versionNumber() {
        return new Version().getVersion()[0].replaceFirst("^chimeraforge-java ", "").replaceFirst(" \\(.*", "");
    }

    /** {@code {"error": message}} as one JSON document. */
    static String errorDocument(String message) {
        StringWriter out = new StringWriter();
        try (var g = Json.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reports the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = ChimeraforgeCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {"chimeraforge-java " + properties.getProperty("version", "unknown")
                    + " (planner parity: chimeraforge 0.30.0)"};
        }
    }
}

package io.chimeraforge.cli;

import picocli.CommandLine.Option;

/**
 * {@code --verbose} and {@code --help} as most commands declare them (a picocli mixin). The
 * {@code --verbose} flag is read once for every command by {@link ChimeraforgeCli#run}, which
 * prints stack traces of unexpected errors; commands whose verbose output means more declare
 * their own.
 */
final class StandardOptions {

    @Option(names = {"--verbose", "-v"}, description = "Debug output.")
    boolean verbose;
    @Option(names = {"--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}

package io.chimeraforge.cli;

import io.chimeraforge.mcp.ChimeraforgeMcpServer;
import io.chimeraforge.mcp.PlannerTools;
import io.chimeraforge.planner.Planner;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chimeraforge mcp}: the planner's tools for AI assistants over MCP on standard input and
 * output. Nothing but JSON-RPC is written to standard output.
 */
@Command(name = "mcp", usageHelpAutoWidth = true,
        description = "Serve the planner to AI assistants over MCP (stdio): chimeraforge_plan, chimeraforge_resolve_model,"
                + " chimeraforge_list_hardware, chimeraforge_compare_api.")
final class McpCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    McpCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = "--compat", defaultValue = "corrected", converter = WorkloadCommand.CompatConverter.class,
            description = "'corrected' (default: upstream's fixed physics) or 'reference' (chimeraforge 0.30 exactly).")
    io.chimeraforge.core.Compat compat;
    @Option(names = {"--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        PlannerTools tools = new PlannerTools(Planner.builder().compat(compat)
                .cacheDirectory(environment.cacheDirectory()).build(), Optional.of(environment.cacheDirectory()),
                environment.clock(), DiscoveryOptions.hubUrl(environment));
        String version = ChimeraforgeCli.versionNumber();
        ChimeraforgeMcpServer.serve(tools, version, System.in, environment.out());
        return 0;
    }
}

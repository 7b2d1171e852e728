package io.chimeraforge.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.mcp.internal.PyJsonText;
import io.chimeraforge.mcp.internal.ToolSchemas;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code chimeraforge} MCP server: the planner's tools for AI assistants over stdio
 * ({@code chimeraforge_plan}, {@code chimeraforge_resolve_model}, {@code chimeraforge_list_hardware},
 * {@code chimeraforge_compare_api}, {@code chimeraforge_suggest}). Only JSON-RPC is written to the
 * output stream; diagnostics go through SLF4J.
 *
 * <pre>{@code
 * McpSyncServer server = ChimeraforgeMcpServer.start(tools, "0.1.0", System.in, System.out);
 * }</pre>
 */
public final class ChimeraforgeMcpServer {

    /** The server's name in the MCP handshake. */
    public static final String NAME = "chimeraforge";
    /** What the calling model is told about the tools. */
    public static final String INSTRUCTIONS = "Use these tools for LLM deployment questions instead of estimating:"
            + " VRAM, throughput, latency, cost and GPU counts for a model on a GPU (chimeraforge_plan), a model's"
            + " architecture (chimeraforge_resolve_model), the GPU table (chimeraforge_list_hardware) and self-hosting"
            + " against hosted APIs (chimeraforge_compare_api). Every figure carries a provenance label (measured,"
            + " extrapolated, estimated, unknown): report it honestly and never present an estimate as a measurement.";

    private ChimeraforgeMcpServer() {
    }

    /**
     * Starts the server on the given streams (for {@code chimeraforge mcp}: standard input and
     * output). It answers until the input ends or {@link McpSyncServer#close()} is called.
     *
     * @param tools   the tool logic
     * @param version the version reported in the handshake (the package's, never the SDK's)
     */
    public static McpSyncServer start(PlannerTools tools, String version, InputStream in, OutputStream out) {
        Objects.requireNonNull(tools, "tools");
        McpJsonMapper mapper = new JacksonMcpJsonMapper(Json.mapper());
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, in, out);
        return McpServer.sync(transport)
                .serverInfo(NAME, version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(mapper)
                .immediateExecution(true) // answer on the reading thread: no hand-off, no reordering
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(List.of(
                        tool(mapper, "chimeraforge_plan", "Recommend the best (model x quantization x backend x"
                                + " GPU-count) deployment for a workload on a GPU, or report why nothing fits. Every"
                                + " figure carries a provenance label.", ToolSchemas.PLAN, tools::plan),
                        tool(mapper, "chimeraforge_resolve_model", "Resolve a model id (registry name, Ollama tag or"
                                + " Hugging Face repo) to its parameters and attention/MoE geometry.",
                                ToolSchemas.RESOLVE_MODEL, tools::resolveModel),
                        tool(mapper, "chimeraforge_list_hardware", "List the GPUs the planner knows, with VRAM,"
                                + " bandwidth, compute, power and hourly price.", ToolSchemas.LIST_HARDWARE,
                                args -> tools.listHardware()),
                        tool(mapper, "chimeraforge_compare_api", "Compare the monthly cost of self-hosting the"
                                + " recommended deployment with hosted API models at the same volume, with break-even"
                                + " volumes.", ToolSchemas.COMPARE_API, tools::compareApi),
                        tool(mapper, "chimeraforge_suggest", "Suggest models that fit a GPU and workload: candidates"
                                + " from the local catalog (no network; default), a local Ollama or the Hugging Face"
                                + " Hub, each with its cheapest deployment that clears every gate.",
                                ToolSchemas.SUGGEST, tools::suggest)))
                .build();
    }

    /**
     * Serves until {@code in} ends (the client closed the pipe), then closes the server: what
     * {@code chimeraforge mcp} runs.
     *
     * @throws InterruptedException when the calling thread is interrupted while serving
     */
    public static void serve(PlannerTools tools, String version, InputStream in, OutputStream out)
            throws InterruptedException {
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        InputStream watched = new java.io.FilterInputStream(in) {
            @Override
            public int read() throws java.io.IOException {
                int b = super.read();
                if (b < 0) {
                    ended.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws java.io.IOException {
                int n = super.read(buffer, off, len);
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        McpSyncServer server = start(tools, version, watched, out);
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }

    private static McpServerFeatures.SyncToolSpecification tool(McpJsonMapper mapper, String name, String description,
            String schema, Function<Map<String, Object>, ObjectNode> logic) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(mapper, schema).build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            ObjectNode answer = logic.apply(args);
            String text = PyJsonText.of(answer);
            return McpSchema.CallToolResult.builder().addTextContent(text)
                    .isError(false).build(); // a refusal is an answer ({"ok": false, …}), as the reference gives it
        }).build();
    }
}

package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.mcp.ChimeraforgeMcpServer;
import io.chimeraforge.mcp.PlannerTools;
import io.chimeraforge.planner.Planner;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speaks MCP to the server over its stdio transport (initialize, tools/list, tools/call): the plan
 * tool answers what {@code chimeraforge plan --json} prints, refusals are answers, not JSON-RPC errors.
 */
@Timeout(60)
class McpStdioTest {

    @TempDir
    Path cache;
    private OutputStream toServer;
    private BufferedReader fromServer;
    private McpSyncServer server;
    private Socket client;
    private Socket serverSide;
    private int nextId = 1;

    @BeforeEach
    void start() throws IOException {
        // a loopback socket pair stands in for the stdio pipes (java.io's piped streams break when
        // the thread that last wrote ends, and the SDK writes from pooled threads)
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            serverSide = listener.accept();
        }
        client.setTcpNoDelay(true); // stdio has no Nagle delay; a socket must not add one
        client.setSoTimeout(30_000); // a lost answer fails the test instead of hanging the build
        serverSide.setTcpNoDelay(true);
        toServer = client.getOutputStream();
        PlannerTools tools = new PlannerTools(Planner.builder().build(), Optional.of(cache),
                Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC));
        server = ChimeraforgeMcpServer.start(tools, "9.9.9-test", serverSide.getInputStream(),
                serverSide.getOutputStream());
        fromServer = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.closeGracefully();
        serverSide.close();
    }

    private JsonNode request(String method, String params) throws IOException {
        int id = nextId++;
        send("{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"method\": \"" + method + "\""
                + (params == null ? "" : ", \"params\": " + params) + "}");
        while (true) {
            String line = fromServer.readLine();
            assertThat(line).as("the server closed its output").isNotNull();
            JsonNode message = Json.mapper().readTree(line); // every line on stdout is one JSON-RPC message
            if (message.path("id").asInt(-1) == id) {
                return message;
            }
        }
    }

    private void send(String json) throws IOException {
        toServer.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    private JsonNode call(String tool, String arguments) throws IOException {
        JsonNode response = request("tools/call", "{\"name\": \"" + tool + "\", \"arguments\": " + arguments + "}");
        assertThat(response.has("error")).as("a JSON-RPC error: %s", response).isFalse();
        assertThat(response.at("/result/isError").asBoolean(false)).isFalse();
        return Json.mapper().readTree(response.at("/result/content/0/text").asText());
    }

    private void initialize() throws IOException {
        JsonNode init = request("initialize", "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {},"
                + " \"clientInfo\": {\"name\": \"test\", \"version\": \"1\"}}");
        assertThat(init.at("/result/serverInfo/name").asText()).isEqualTo("chimeraforge");
        assertThat(init.at("/result/serverInfo/version").asText()).isEqualTo("9.9.9-test");
        send("{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
    }

    @Test
    void listsTheFiveToolsAndPlansWhatTheCliPlans() throws IOException {
        initialize();
        JsonNode list = request("tools/list", null);
        List<String> names = new ArrayList<>();
        list.at("/result/tools").forEach(t -> names.add(t.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("chimeraforge_plan", "chimeraforge_resolve_model",
                "chimeraforge_list_hardware", "chimeraforge_compare_api", "chimeraforge_suggest");
        JsonNode plan = call("chimeraforge_plan", "{\"hardware\": \"RTX 4090 24GB\", \"model_size\": \"8b\","
                + " \"request_rate\": 2, \"budget_usd_month\": 5000}");
        CliRun cli = CliRun.of(cache, "plan", "--hardware", "RTX 4090 24GB", "--model-size", "8b", "--request-rate",
                "2", "--budget", "5000", "--json");
        JsonNode candidates = Json.mapper().readTree(cli.stdout());
        JsonNode top = candidates.get(0);
        JsonNode rec = plan.get("recommended");
        assertThat(rec.get("model")).isEqualTo(top.get("model"));
        assertThat(rec.get("quant")).isEqualTo(top.get("quant"));
        assertThat(rec.get("backend")).isEqualTo(top.get("backend"));
        assertThat(rec.get("replicas")).isEqualTo(top.get("n_agents"));
        assertThat(rec.get("gpus_total")).isEqualTo(top.get("gpus_total"));
        assertThat(rec.get("vram_gb_per_gpu").asDouble()).isEqualTo(top.get("vram_gb").asDouble());
        assertThat(rec.get("total_throughput_tps").asDouble()).isEqualTo(top.get("total_throughput_tps").asDouble());
        assertThat(rec.get("p95_latency_ms").asDouble()).isEqualTo(top.get("p95_latency_ms").asDouble());
        assertThat(rec.get("monthly_cost_usd").asDouble()).isEqualTo(top.get("monthly_cost").asDouble());
        assertThat(rec.get("cost_per_1m_tok_usd").asDouble()).isEqualTo(top.get("cost_per_1m_tok").asDouble());
        assertThat(rec.get("provenance")).isEqualTo(top.get("provenance"));
        assertThat(rec.get("warnings")).isEqualTo(top.get("warnings"));
        assertThat(plan.get("total_evaluated").asInt()).isEqualTo(candidates.size());
    }

    @Test
    void badInputIsAnAnswerWithAHintNeverAProtocolError() throws IOException {
        initialize();
        JsonNode gpu = call("chimeraforge_plan", "{\"hardware\": \"Voodoo 5\"}");
        assertThat(gpu.get("ok").asBoolean()).isFalse();
        assertThat(gpu.get("hint").asText()).contains("chimeraforge_list_hardware");
        JsonNode workload = call("chimeraforge_plan", "{\"hardware\": \"RTX 4090 24GB\", \"workload\": \"spiky\"}");
        assertThat(workload.get("error").asText()).contains("spiky");
        assertThat(workload.get("hint").asText()).contains("steady");
        JsonNode model = call("chimeraforge_plan", "{\"hardware\": \"RTX 4090 24GB\", \"model\":"
                + " \"totally/nonexistent-xyz-9000\", \"allow_network\": false}");
        assertThat(model.get("ok").asBoolean()).isFalse();
        assertThat(model.get("hint").asText()).contains("allow_network");
        JsonNode hardware = call("chimeraforge_list_hardware", "{}");
        assertThat(hardware.get("count").asInt()).isEqualTo(22);
    }

    @Test
    void everyOneOfManyBackToBackCallsIsAnswered() throws IOException {
        // the SDK's default hand-off to a worker thread lost answers to back-to-back calls within a
        // few requests; the server answers on the reading thread
        initialize();
        for (int i = 0; i < 300; i++) {
            JsonNode plan = call("chimeraforge_plan", "{\"hardware\": \"RTX 4090 24GB\", \"model_size\": \"8b\"}");
            assertThat(plan.get("ok").asBoolean()).isTrue();
        }
    }
}

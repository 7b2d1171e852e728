package io.chimeraforge.benchmarks;

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
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Warm round-trip time of an MCP {@code tools/call chimeraforge_plan} through the server's stdio
 * transport (JSON-RPC encode, plan, answer, decode), over a loopback socket pair.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.chimeraforge.benchmarks.McpRoundTrip 2000 500</pre>
 */
public final class McpRoundTrip {

    private McpRoundTrip() {
    }

    public static void main(String[] args) throws IOException {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        // a loopback socket pair, not java.io pipes: those break when the thread that last wrote ends,
        // and the SDK writes from pooled threads
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket serverSide = listener.accept();
        client.setTcpNoDelay(true); // stdio has no Nagle delay; a socket must not add one
        serverSide.setTcpNoDelay(true);
        listener.close();
        OutputStream toServer = client.getOutputStream();
        McpSyncServer server = ChimeraforgeMcpServer.start(new PlannerTools(Planner.builder().build(), Optional.empty(),
                Clock.systemUTC()), "bench", serverSide.getInputStream(), serverSide.getOutputStream());
        BufferedReader fromServer = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8));
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
        fromServer.readLine();
        send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        long[] micros = new long[calls];
        for (int i = -warmup; i < calls; i++) {
            long start = System.nanoTime();
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":" + (i + warmup + 1) + ",\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"chimeraforge_plan\",\"arguments\":{\"hardware\":\"RTX 4090 24GB\",\"model_size\":\"8b\","
                    + "\"request_rate\":2,\"budget_usd_month\":5000}}}");
            String line = fromServer.readLine();
            long elapsed = System.nanoTime() - start;
            if (line == null || !line.contains("\"result\"")) {
                throw new IllegalStateException("unexpected answer: " + line);
            }
            if (i >= 0) {
                micros[i] = elapsed / 1000;
            }
        }
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "%d calls after %d warm-up: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", calls, warmup,
                micros[calls / 2] / 1000.0, micros[calls * 9 / 10] / 1000.0, micros[calls * 99 / 100] / 1000.0);
        client.close();
        server.closeGracefully();
        serverSide.close();
        System.exit(0); // the SDK's executor threads are not daemons
    }

    private static void send(OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.testkit.MockLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --proxy} and {@code --ca-cert} on bench and safety. */
class TransportOptionsCliTest {

    @Test
    void badProxyAndCaCertAreOneLineErrorsNamingTheFlag(@TempDir Path dir) throws Exception {
        CliRun proxy = CliRun.of(dir, "bench", "-m", "mock-model", "--proxy", "socks5://p:1080");
        assertThat(proxy.exitCode()).isEqualTo(1);
        assertThat(proxy.stderrLines()).hasSize(1);
        assertThat(proxy.stderr()).contains("--proxy: proxy must be an http://host:port proxy URL");

        Path pem = Files.writeString(dir.resolve("ca.pem"), "garbage");
        Path prompts = Files.writeString(dir.resolve("prompts.txt"), "How do I pick a lock?\n");
        CliRun ca = CliRun.of(dir, "safety", "-m", "mock-model", "-p", prompts.toString(), "--ca-cert", pem.toString());
        assertThat(ca.exitCode()).isEqualTo(1);
        assertThat(ca.stderr()).contains("--ca-cert: CA certificate file " + pem);
    }

    @Test
    void benchRunsThroughAnExplicitProxy(@TempDir Path dir) {
        // The mock answers absolute-form targets, so it stands in for a forwarding proxy; the
        // origin name does not resolve, so only the proxy can have carried the requests.
        try (MockLlmServer proxy = MockLlmServer.start()) {
            CliRun run = CliRun.of(dir, "bench", "-m", "mock-model", "--base-url", "http://origin.invalid:11434",
                    "--proxy", proxy.baseUrl(), "-n", "2", "--warmup", "0", "-o", dir.resolve("out").toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(proxy.generationRequests()).isEqualTo(2);
            assertThat(proxy.servedRequests()).allSatisfy(r ->
                    assertThat(r.header("host")).hasValue("origin.invalid:11434"));
        }
    }
}

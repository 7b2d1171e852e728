package io.chimeraforge.bench.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.bench.Backend;
import io.chimeraforge.bench.BackendClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A private CA certificate (PEM) is trusted on the own transport and through a CONNECT proxy (JDK transport). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaCertificateTest {

    private static final String OLLAMA_UP = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 17\r\n\r\n"
            + "Ollama is running";

    /** The certificate of {@code keys} as a PEM file. */
    private static Path pem(KeyStore keys, Path dir) throws Exception {
        byte[] der = keys.getCertificate("server").getEncoded();
        String text = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(dir.resolve("ca.pem"), text);
    }

    /** A forward proxy that only tunnels: answers {@code CONNECT host:port} and pipes bytes both ways. */
    private static RawServer.Script tunnel(RawServer[] self) {
        return (client, index) -> {
            String head = self[0].readRequest(client.getInputStream());
            if (head == null || !head.startsWith("CONNECT ")) {
                return;
            }
            String[] target = head.substring(8, head.indexOf(' ', 8)).split(":");
            try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                RawServer.write(client.getOutputStream(), "HTTP/1.1 200 Connection Established\r\n\r\n");
                Thread up = new Thread(() -> pipe(client, upstream));
                up.setDaemon(true);
                up.start();
                pipe(upstream, client);
            }
        };
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (java.io.IOException e) {
            // one side went away: the tunnel ends
        }
    }

    @Test
    void aPrivateCaIsTrustedDirectlyAndThroughAProxyTunnel(@TempDir Path dir) throws Exception {
        KeyStore keys = HttpTransportTest.selfSigned(dir, "ip:127.0.0.1");
        Path ca = pem(keys, dir);
        RawServer[] origin = new RawServer[1];
        RawServer[] proxy = new RawServer[1];
        try (RawServer server = origin[0] = new RawServer(HttpTransportTest.context(keys, null).getServerSocketFactory(),
                HttpTransportTest.answering(origin, OLLAMA_UP));
             RawServer tunnelling = proxy[0] = new RawServer(tunnel(proxy))) {
            String base = server.uri("https", "").toString();
            try (BackendClient untrusting = BackendClient.builder(Backend.OLLAMA).baseUrl(base)
                    .environmentProxy(false).build()) {
                assertThat(untrusting.health().message()).contains("certificate is not trusted");
            }
            try (BackendClient direct = BackendClient.builder(Backend.OLLAMA).baseUrl(base).caCertificate(ca)
                    .environmentProxy(false).build()) {
                assertThat(direct.health()).isEqualTo(new BackendClient.Check(true, "Ollama is running"));
            }
            URI proxyUri = tunnelling.uri("");
            try (BackendClient proxied = BackendClient.builder(Backend.OLLAMA).baseUrl(base).caCertificate(ca)
                    .proxy(proxyUri).build()) {
                assertThat(proxied.health()).isEqualTo(new BackendClient.Check(true, "Ollama is running"));
            }
            assertThat(tunnelling.requests).singleElement().satisfies(r -> assertThat(r).startsWith("CONNECT 127.0.0.1:"));
        }
    }
}

package io.chimeraforge.cli;

import io.chimeraforge.bench.BackendClient;
import io.chimeraforge.bench.BenchConfig;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --proxy} and {@code --ca-cert}: how {@code bench} and {@code safety} reach the server. */
final class TransportOptions {

    @Option(names = "--proxy", paramLabel = "URL",
            description = "HTTP proxy for every request, http://host:port (default: HTTPS_PROXY / HTTP_PROXY unless NO_PROXY; never for localhost). Proxied requests are timed less precisely.")
    String proxy;

    @Option(names = "--ca-cert", paramLabel = "PEM",
            description = "Trust the CA certificate(s) in this PEM file for https (a private or self-signed CA).")
    Path caCert;

    /** Applies the options to a bench configuration. */
    void applyTo(BenchConfig.Builder b) {
        if (proxy != null) {
            wrap("--proxy", () -> b.proxy(uri()));
        }
        if (caCert != null) {
            wrap("--ca-cert", () -> b.caCertificate(caCert));
        }
    }

    /** Applies the options to a backend client. */
    void applyTo(BackendClient.Builder b) {
        if (proxy != null) {
            wrap("--proxy", () -> b.proxy(uri()));
        }
        if (caCert != null) {
            wrap("--ca-cert", () -> b.caCertificate(caCert));
        }
    }

    private URI uri() {
        try {
            return new URI(proxy);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + proxy);
        }
    }

    private static void wrap(String flag, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new CliException(flag + ": " + e.getMessage());
        }
    }
}

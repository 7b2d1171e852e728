package io.chimeraforge.bench.internal.http;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of a server: the key connections are pooled under.
 *
 * @param tls  whether the scheme is {@code https}
 * @param host host name or address literal (IPv6 without brackets)
 * @param port port, the scheme's default when the URI has none
 */
public record Endpoint(boolean tls, String host, int port) {

    /** The endpoint of an absolute {@code http}/{@code https} URI. */
    public static Endpoint of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + uri);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("URL has no host: " + uri);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean tls = scheme.equals("https");
        return new Endpoint(tls, host, uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80);
    }

    /** The {@code Host} header value: the port is omitted when it is the scheme's default. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + hostHeader();
    }
}

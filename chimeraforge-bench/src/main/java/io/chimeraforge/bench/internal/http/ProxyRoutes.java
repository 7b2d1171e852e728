package io.chimeraforge.bench.internal.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which requests go through an HTTP proxy, and which one. An explicit proxy carries every request;
 * otherwise the conventional environment variables decide: {@code HTTPS_PROXY} for https targets,
 * {@code HTTP_PROXY} for http targets (lower-case names too, upper-case first), except hosts listed
 * in {@code NO_PROXY} (comma-separated names, {@code .suffix} or {@code *.suffix} domains, IP
 * literals, optionally with {@code :port}; {@code *} alone disables the environment proxies).
 * Loopback targets ({@code localhost}, {@code 127.*}, {@code ::1}) never use an environment proxy.
 * Immutable.
 */
public final class ProxyRoutes {

    private static final ProxyRoutes NONE = new ProxyRoutes(null, null, null, List.of());

    private final InetSocketAddress explicit;
    private final InetSocketAddress forHttps;
    private final InetSocketAddress forHttp;
    private final List<String> noProxy;

    private ProxyRoutes(InetSocketAddress explicit, InetSocketAddress forHttps, InetSocketAddress forHttp,
            List<String> noProxy) {
        this.explicit = explicit;
        this.forHttps = forHttps;
        this.forHttp = forHttp;
        this.noProxy = noProxy;
    }

    /** No proxy at all. */
    public static ProxyRoutes none() {
        return NONE;
    }

    /** Every request through {@code proxy} ({@code http://host:port}). */
    public static ProxyRoutes explicit(URI proxy) {
        return new ProxyRoutes(address(proxy, "proxy"), null, null, List.of());
    }

    /**
     * The routes a client configured with {@code explicit} uses: that proxy for everything, else
     * (when {@code useEnvironment}) the process environment's proxies, else none.
     */
    public static ProxyRoutes of(java.util.Optional<URI> explicit, boolean useEnvironment) {
        if (explicit.isPresent()) {
            return explicit(explicit.get());
        }
        return useEnvironment ? fromEnvironment(System.getenv()) : NONE;
    }

    /**
     * The routes the environment {@code env} (e.g. {@link System#getenv()}) asks for.
     *
     * @throws IllegalArgumentException naming the variable when a proxy URL is not {@code http://host[:port]}
     */
    public static ProxyRoutes fromEnvironment(Map<String, String> env) {
        InetSocketAddress https = variable(env, "HTTPS_PROXY");
        InetSocketAddress http = variable(env, "HTTP_PROXY");
        if (https == null && http == null) {
            return NONE;
        }
        String no = value(env, "NO_PROXY");
        List<String> entries = new ArrayList<>();
        if (no != null) {
            for (String part : no.split(",")) {
                String e = part.trim().toLowerCase(Locale.ROOT);
                if (!e.isEmpty()) {
                    entries.add(e.startsWith("*.") ? e.substring(1) : e);
                }
            }
        }
        return new ProxyRoutes(null, https, http, List.copyOf(entries));
    }

    /** The proxy for requests to {@code endpoint}, if one applies. */
    public Optional<InetSocketAddress> proxyFor(Endpoint endpoint) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        InetSocketAddress proxy = endpoint.tls() ? forHttps : forHttp;
        if (proxy == null || loopback(endpoint.host()) || excluded(endpoint)) {
            return Optional.empty();
        }
        return Optional.of(proxy);
    }

    /** Whether any request may go through a proxy. */
    public boolean any() {
        return explicit != null || forHttps != null || forHttp != null;
    }

    private boolean excluded(Endpoint endpoint) {
        String host = endpoint.host().toLowerCase(Locale.ROOT);
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String name = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                if (Integer.parseInt(entry.substring(colon + 1)) != endpoint.port()) {
                    continue;
                }
                name = entry.substring(0, colon);
            }
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.startsWith(".") ? host.endsWith(name) || host.equals(name.substring(1))
                    : host.equals(name) || host.endsWith("." + name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a host name or literal ({@code [::1]} brackets allowed) is this machine. */
    public static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1");
    }

    private static InetSocketAddress variable(Map<String, String> env, String name) {
        String v = value(env, name);
        if (v == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(v.contains("://") ? v : "http://" + v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a proxy URL: " + v);
        }
        return address(uri, name);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            v = env.get(name.toLowerCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The URL without credentials, for messages. */
    private static String withoutUserInfo(URI uri) {
        return uri.getRawUserInfo() == null ? uri.toString()
                : uri.getScheme() + "://<redacted>@" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static InetSocketAddress address(URI proxy, String what) {
        String scheme = proxy.getScheme() == null ? "" : proxy.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") || proxy.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an http://host:port proxy URL, got "
                    + withoutUserInfo(proxy));
        }
        if (proxy.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " with credentials is not supported: "
                    + withoutUserInfo(proxy));
        }
        return InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort() >= 0 ? proxy.getPort() : 80);
    }
}

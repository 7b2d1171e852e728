package io.chimeraforge.bench.internal.http;

import java.util.Locale;
import java.util.Set;

/** Which extra request headers a caller may set, and how they must look (RFC 9110 §5). */
public final class HeaderRules {

    /** Headers the client writes itself: framing and routing, which a caller must not override. */
    private static final Set<String> MANAGED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "keep-alive", "expect");

    private HeaderRules() {
    }

    /**
     * Checks one extra header.
     *
     * @throws IllegalArgumentException naming the problem when the name is not an HTTP token, is
     *                                  managed by the client, or the value holds a control character
     */
    public static void check(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name '" + name + "' is not an HTTP token");
            }
        }
        if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " is set by the client itself");
        }
        if (value == null) {
            throw new IllegalArgumentException("header " + name + " needs a value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new IllegalArgumentException("header " + name + " has a value with a character HTTP/1.1 "
                        + "cannot carry (U+" + String.format(Locale.ROOT, "%04X", (int) c) + ")");
            }
        }
    }

    /**
     * Checks a header and puts it into {@code headers}, replacing one of the same name in any case
     * (header names are case-insensitive, so a second spelling must not add a second field).
     */
    public static void put(java.util.Map<String, String> headers, String name, String value) {
        check(name, value);
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        headers.put(name, value);
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}

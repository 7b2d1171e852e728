package io.chimeraforge.testkit.internal;

import io.chimeraforge.core.Json;

/** Minimal JSON string quoting for the mock's hand-built events (faster than a tree per chunk). */
public final class JsonText {

    private JsonText() {
    }

    /** {@code value} as a JSON string literal, quotes included (non-ASCII kept as is). */
    public static String quote(String value) {
        return Json.appendQuoted(new StringBuilder(value.length() + 2), value, false).toString();
    }
}

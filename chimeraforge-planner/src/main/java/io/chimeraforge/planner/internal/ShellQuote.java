package io.chimeraforge.planner.internal;

import java.util.regex.Pattern;

/** POSIX shell quoting for values put into printed commands, as Python's {@code shlex.quote} does it. */
public final class ShellQuote {

    /** Characters no POSIX shell treats specially in a word. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /**
     * {@code value} as one shell word: unchanged when every character is safe, {@code ''} when
     * empty, else in single quotes with each {@code '} written as {@code '"'"'}.
     */
    public static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}

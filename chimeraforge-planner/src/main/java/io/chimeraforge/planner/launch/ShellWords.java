package io.chimeraforge.planner.launch;

import java.util.regex.Pattern;

/** POSIX shell quoting for values put into a printed command. */
final class ShellWords {

    /** Characters no POSIX shell treats specially in a word (and that never start a tilde expansion here). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private ShellWords() {
    }

    /**
     * {@code value} as one shell word: unchanged when every character is safe, else in single
     * quotes with each {@code '} written as {@code '\''}. A value that starts with {@code -}
     * could be read as an option by the program; that is the caller's concern (model ids never do).
     */
    static String quote(String value) {
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}

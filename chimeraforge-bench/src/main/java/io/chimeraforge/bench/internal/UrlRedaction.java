package io.chimeraforge.bench.internal;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords carried in URLs ({@code http://user:pw@host}) wherever a URL is recorded or
 * logged: result files, request logs, warnings, exception messages, {@code toString}. The real
 * URL is still the one requests go to.
 */
public final class UrlRedaction {

    /** A scheme's {@code //} followed by user-info up to the {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)([^/@\\s?#]*)@");

    private UrlRedaction() {
    }

    /** The URL with its password replaced by {@code ***} ({@code http://user:***@host}); unchanged without user-info. */
    public static String redact(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : redactText(url.toString());
    }

    /** Every URL user-info in {@code text} redacted: {@code user:pw@} → {@code user:***@}, {@code token@} → {@code ***@}. */
    public static String redactText(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String hidden = colon >= 0 ? info.substring(0, colon) + ":***" : "***";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + hidden + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}

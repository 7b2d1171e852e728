package io.chimeraforge.report;

import java.util.Locale;
import java.util.Optional;

/** The document a report renders to. */
public enum ReportFormat {
    /** GitHub-flavoured Markdown. */
    MARKDOWN,
    /** One self-contained HTML page. */
    HTML;

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code id} ({@code markdown} or {@code html}), if any. */
    public static Optional<ReportFormat> fromId(String id) {
        for (ReportFormat f : values()) {
            if (f.id().equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}

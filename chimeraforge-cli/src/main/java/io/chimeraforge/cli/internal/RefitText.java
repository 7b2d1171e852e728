package io.chimeraforge.cli.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.planner.refit.CorpusValidation;
import io.chimeraforge.planner.refit.RefitSummary;
import io.chimeraforge.planner.refit.ValidationCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human form of {@code refit}: the summary panel and the validation table. */
public final class RefitText {

    private RefitText() {
    }

    /** The headline counts, the warnings and where the corpus went. */
    public static void printSummary(PrintStream out, RefitSummary s, Path savedTo, List<String> notes) {
        List<String> lines = new ArrayList<>();
        lines.add("Refit Summary");
        lines.add("Bench results loaded: " + s.benchResultsLoaded());
        lines.add("Throughput entries updated: " + s.throughputEntriesUpdated());
        lines.add("Quant multiplier table: " + s.quantMultipliersUpdated() + " levels");
        lines.add("Service times updated: " + s.serviceTimesUpdated());
        lines.add("Power law refit: " + (s.powerLawRefit() ? "yes" : "no"));
        lines.add("Total runs: " + s.totalRuns() + " (confidence weight " + PyNumbers.fixed(s.confidenceWeight(), 2) + ")");
        for (Map.Entry<String, Integer> gpu : s.hardwareRowsUpdated().entrySet()) {
            lines.add("  measured on " + gpu.getKey() + ": " + gpu.getValue() + " row(s)");
        }
        for (String warning : s.warnings()) {
            lines.add("Warning: " + warning);
        }
        box(out, lines);
        out.println("Saved to: " + savedTo);
        for (String note : notes) {
            out.println(note);
        }
    }

    /** The checks as a table, then {@code <passed>/<total> checks passed}. */
    public static void printValidation(PrintStream out, CorpusValidation validation) {
        int[] width = {"Check".length(), "Status".length(), "Expected".length(), "Actual".length()};
        for (ValidationCheck c : validation.checks()) {
            width[0] = Math.max(width[0], c.name().length());
            width[2] = Math.max(width[2], c.expected().length());
            width[3] = Math.max(width[3], c.actual().length());
        }
        out.println("Validation Results");
        out.println(rule('┏', '┳', '┓', '━', width));
        out.println(row('┃', width, "Check", "Status", "Expected", "Actual"));
        out.println(rule('┡', '╇', '┩', '━', width));
        for (ValidationCheck c : validation.checks()) {
            out.println(row('│', width, c.name(), c.passed() ? "PASS" : "FAIL", c.expected(), c.actual()));
        }
        out.println(rule('└', '┴', '┘', '─', width));
        out.println(validation.passedCount() + "/" + validation.checks().size() + " checks passed");
    }

    private static String rule(char left, char middle, char right, char line, int[] width) {
        StringBuilder s = new StringBuilder().append(left);
        for (int i = 0; i < width.length; i++) {
            s.append(String.valueOf(line).repeat(width[i] + 2)).append(i == width.length - 1 ? right : middle);
        }
        return s.toString();
    }

    private static String row(char bar, int[] width, String... cells) {
        StringBuilder s = new StringBuilder().append(bar);
        for (int i = 0; i < cells.length; i++) {
            s.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length() + 1)).append(bar);
        }
        return s.toString();
    }

    private static void box(PrintStream out, List<String> lines) {
        int width = 0;
        for (String line : lines) {
            width = Math.max(width, line.length());
        }
        out.println("╭" + "─".repeat(width + 2) + "╮");
        for (String line : lines) {
            out.println("│ " + line + " ".repeat(width - line.length()) + " │");
        }
        out.println("╰" + "─".repeat(width + 2) + "╯");
    }
}

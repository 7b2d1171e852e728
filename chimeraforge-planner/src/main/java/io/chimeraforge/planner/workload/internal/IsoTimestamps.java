package io.chimeraforge.planner.workload.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO-8601 timestamps in request logs, read as Python's {@code datetime.fromisoformat} reads them
 * after a trailing {@code Z} is replaced by {@code +00:00}: a date, optionally a time after
 * {@code T} or a space (hours, minutes, seconds, a fraction), optionally a UTC offset.
 *
 * <p>A timestamp without an offset is taken as UTC. (Python takes it in the machine's local zone;
 * a log's meaning should not depend on where it is read, and the reference's figures were recorded
 * on a UTC machine.)
 */
public final class IsoTimestamps {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:[T ](\\d{2})(?::(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "(?:([+-])(\\d{2})(?::?(\\d{2})(?::?(\\d{2}))?)?)?)?");

    private IsoTimestamps() {
    }

    /** Epoch seconds of {@code text}, or empty when it is not such a timestamp. */
    public static OptionalDouble epochSeconds(String text) {
        String s = text.endsWith("Z") ? text.substring(0, text.length() - 1) + "+00:00" : text;
        Matcher m = ISO.matcher(s);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        try {
            LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
            int micros = 0;
            if (m.group(7) != null) {
                String fraction = (m.group(7) + "00000").substring(0, 6);
                micros = Integer.parseInt(fraction);
            }
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(num(m, 4), opt(m, 5), opt(m, 6), micros * 1000);
            int offsetSeconds = 0;
            if (m.group(8) != null) {
                int sign = m.group(8).equals("-") ? -1 : 1;
                int h = num(m, 9);
                int min = opt(m, 10);
                int sec = opt(m, 11);
                if (h > 23 || min > 59 || sec > 59) {
                    return OptionalDouble.empty();
                }
                offsetSeconds = sign * (h * 3600 + min * 60 + sec);
            }
            long seconds = date.atTime(time).toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
            long totalMicros = Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
            // timedelta.total_seconds(): exact microseconds divided by 10^6, correctly rounded
            return OptionalDouble.of(totalMicros / 1e6);
        } catch (DateTimeException | ArithmeticException e) {
            return OptionalDouble.empty();
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int opt(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }
}

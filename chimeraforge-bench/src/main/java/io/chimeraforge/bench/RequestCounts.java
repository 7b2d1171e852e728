package io.chimeraforge.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What happened to the measured requests of a configuration (or of a whole run): every
 * attempted request either completed, failed or was cancelled, so
 * {@code attempted == completed + failed + cancelled}. Requests a duration limit or a
 * cancellation stopped — in flight or still queued for a concurrency slot — are cancelled, not
 * failed; requests never due before the limit are not attempted.
 *
 * @param attempted requests recorded
 * @param completed requests that succeeded
 * @param failed    requests that failed (an HTTP error, a transport error, a timeout, ...)
 * @param cancelled requests cancelled by the run's cancellation or its duration limit
 * @param byKind    failed and cancelled requests by {@link ErrorKind}, in enum order
 */
public record RequestCounts(long attempted, long completed, long failed, long cancelled, Map<ErrorKind, Long> byKind) {

    /** The empty count. */
    public static final RequestCounts NONE = new RequestCounts(0, 0, 0, 0, Map.of());

    /** Checks that the parts add up and copies the map. */
    public RequestCounts {
        if (completed < 0 || failed < 0 || cancelled < 0 || attempted != completed + failed + cancelled) {
            throw new IllegalArgumentException("counts must be >= 0 with attempted = completed + failed + cancelled, got "
                    + attempted + " = " + completed + " + " + failed + " + " + cancelled);
        }
        EnumMap<ErrorKind, Long> copy = new EnumMap<>(ErrorKind.class);
        copy.putAll(byKind);
        byKind = Collections.unmodifiableMap(copy);
    }

    /** These counts plus {@code other}'s. */
    public RequestCounts plus(RequestCounts other) {
        EnumMap<ErrorKind, Long> sum = new EnumMap<>(ErrorKind.class);
        sum.putAll(byKind);
        other.byKind.forEach((k, v) -> sum.merge(k, v, Long::sum));
        return new RequestCounts(attempted + other.attempted, completed + other.completed, failed + other.failed,
                cancelled + other.cancelled, sum);
    }
}

package io.chimeraforge.bench;

import io.chimeraforge.core.result.BenchResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration's outcome: the file record, the raw per-request timelines kept in memory and
 * the request counts.
 *
 * @param result    the result object written to the file
 * @param timelines measured requests in request order (warm-ups excluded), at most
 *                  {@link BenchConfig#timelineLimit()} of them
 * @param counts    what happened to every measured request (not only the kept timelines)
 */
public record ConfigResult(BenchResult result, List<RequestTimeline> timelines, RequestCounts counts) {

    /** Copies the list. */
    public ConfigResult {
        timelines = List.copyOf(timelines);
        if (result == null || counts == null) {
            throw new IllegalArgumentException("result and counts must not be null");
        }
    }

    /** A result whose counts are those of {@code timelines} (all of the configuration's requests). */
    public ConfigResult(BenchResult result, List<RequestTimeline> timelines) {
        this(result, timelines, countsOf(timelines));
    }

    private static RequestCounts countsOf(List<RequestTimeline> timelines) {
        Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
        long ok = 0;
        long cancelled = 0;
        for (RequestTimeline t : timelines) {
            if (t.error().isEmpty()) {
                ok++;
            } else {
                byKind.merge(t.error().get().kind(), 1L, Long::sum);
                cancelled += t.error().get().kind() == ErrorKind.CANCELLED ? 1 : 0;
            }
        }
        return new RequestCounts(timelines.size(), ok, timelines.size() - ok - cancelled, cancelled, byKind);
    }
}

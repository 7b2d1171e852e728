package io.chimeraforge.bench;

import io.chimeraforge.bench.result.BenchResult;
import java.util.List;

/**
 * One configuration's outcome: the file record and the raw per-request timelines.
 *
 * @param result    the result object written to the file
 * @param timelines measured requests in request order (warm-ups excluded)
 */
public record ConfigResult(BenchResult result, List<RequestTimeline> timelines) {

    /** Copies the list. */
    public ConfigResult {
        timelines = List.copyOf(timelines);
    }
}

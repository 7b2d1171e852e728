package io.chimeraforge.bench.internal.load;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One configuration of a (possibly swept) run.
 *
 * @param model         model tag actually requested
 * @param quant         quant label
 * @param contextLength context length
 * @param concurrency   concurrency (server: in-flight cap; 0 = no cap)
 * @param rate          arrival rate (server)
 * @param options       backend options for this configuration
 * @param sweep         the swept values that define this configuration (recorded)
 */
public record RunSpec(String model, Optional<String> quant, int contextLength, int concurrency, OptionalDouble rate,
        Map<String, Object> options, Map<String, Object> sweep) {
}

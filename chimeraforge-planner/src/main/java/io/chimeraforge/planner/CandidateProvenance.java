package io.chimeraforge.planner;

import io.chimeraforge.core.estimate.Provenance;
import java.util.Objects;

/** How each headline figure of a candidate was obtained. */
public record CandidateProvenance(Provenance vram, Provenance throughput, Provenance quality, Provenance safety) {
    public CandidateProvenance {
        Objects.requireNonNull(vram, "vram");
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(safety, "safety");
    }
}

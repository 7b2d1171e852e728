package io.chimeraforge.eval.rouge;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The scores of one (target, prediction) pair, one {@link RougeScore} per requested type.
 *
 * @param scores the scores by type, in {@link RougeType} order
 */
public record RougeScores(Map<RougeType, RougeScore> scores) {

    /** Copies the map; it must not be empty. */
    public RougeScores {
        Objects.requireNonNull(scores, "scores");
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("scores must hold at least one ROUGE type");
        }
        scores = Collections.unmodifiableMap(new EnumMap<>(scores));
    }

    /** The score of {@code type}, if it was requested. */
    public Optional<RougeScore> get(RougeType type) {
        return Optional.ofNullable(scores.get(type));
    }

    /** The score of {@code type}; throws if it was not requested. */
    public RougeScore require(RougeType type) {
        RougeScore s = scores.get(type);
        if (s == null) {
            throw new IllegalArgumentException(type.key() + " was not computed; requested " + scores.keySet());
        }
        return s;
    }
}

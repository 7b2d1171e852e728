package io.chimeraforge.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Spec §7.3 E-01 to E-06 (the reference's own acceptance figures). */
class ReferenceMetricsTest {

    @Test
    void exactMatchE01() {
        List<String> gold = List.of("Paris", "1945", "H2O");
        assertThat(ReferenceMetrics.exactMatch(gold, gold)).isEqualTo(1.0);
        assertThat(ReferenceMetrics.exactMatch(List.of("London", "1944", "CO2"), gold)).isEqualTo(0.0);
        assertThat(ReferenceMetrics.exactMatch(List.of("paris", "PARIS"), List.of("Paris", "paris"))).isEqualTo(1.0);
        assertThat(ReferenceMetrics.exactMatch(List.of(), List.of())).isEqualTo(0.0);
    }

    @Test
    void rougeLE02() {
        assertThat(ReferenceMetrics.rougeL(List.of("the cat sat on the mat"), List.of("the cat sat on the mat")))
                .isEqualTo(1.0);
        assertThat(ReferenceMetrics.rougeL(List.of("the cat sat"), List.of("the cat sat on the mat")))
                .isEqualTo(0.6666666666666666);
        assertThat(ReferenceMetrics.rougeL(List.of(), List.of("something"))).isEqualTo(0.0);
        assertThat(ReferenceMetrics.rougeL(List.of("Paris."), List.of("paris"))).isEqualTo(0.0);
    }

    @Test
    void coherenceE03() {
        assertThat(ReferenceMetrics.coherence("hello world", "hello world")).isEqualTo(1.0);
        assertThat(ReferenceMetrics.coherence("hi", "this is a much longer reference text with many words"))
                .isEqualTo(0.038461538461538464);
        assertThat(ReferenceMetrics.coherence("", "")).isEqualTo(1.0);
        assertThat(ReferenceMetrics.coherence("", "hello")).isEqualTo(0.0);
    }

    @Test
    void compositeE04() {
        assertThat(Composite.referenceRule(1, 1, 1, 1)).isEqualTo(1.0);
        assertThat(Composite.referenceRule(0, 0, 0, 0)).isEqualTo(0.0);
        assertThat(Composite.referenceRule(1, 1, 0, 1)).isEqualTo(1.0);
        assertThat(Composite.referenceRule(0.5, 0.6, 0.7, 0.8)).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Composite.referenceRule(0.5, 0.6, 0.0, 0.8)).isCloseTo(0.62, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void explicitBertFlagKeepsAGenuineZero() {
        // A computed BERTScore of 0.0 keeps its 0.3 weight; the reference would redistribute it.
        assertThat(Composite.of(0.5, 0.6, 0.0, 0.8, true)).isCloseTo(0.44, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Composite.of(0.5, 0.6, 0.9, 0.8, false)).isCloseTo(0.62, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void tiersE05() {
        OptionalDouble one = OptionalDouble.of(1.0);
        double[] composites = {1.0, 0.97, 0.9699, 0.95, 0.90, 0.8999, 0.88, 0.85, 0.8499, 0.80};
        String[] tiers = {"negligible", "negligible", "acceptable", "acceptable", "acceptable", "concerning",
            "concerning", "concerning", "unacceptable", "unacceptable"};
        for (int i = 0; i < composites.length; i++) {
            assertThat(QualityTier.of(composites[i], one).label()).as("composite %s", composites[i])
                    .isEqualTo(tiers[i]);
        }
        assertThat(QualityTier.of(0.9, OptionalDouble.of(0.0))).isEqualTo(QualityTier.UNKNOWN);
        assertThat(QualityTier.of(0.9, OptionalDouble.of(-1.0))).isEqualTo(QualityTier.UNKNOWN);
        assertThat(QualityTier.of(0.9, OptionalDouble.empty())).isEqualTo(QualityTier.UNKNOWN);
    }

    @Test
    void evaluateQualityE06() {
        QualityScorer s = QualityScorer.reference();
        QualityScore a = s.evaluate(List.of("Paris", "1945"), List.of("Paris", "1945"), "test",
                java.util.Optional.of("FP16"), OptionalDouble.empty());
        assertThat(a.exactMatch()).isEqualTo(1.0);
        assertThat(a.nSamples()).isEqualTo(2);
        assertThat(a.quant()).isEqualTo("FP16");
        QualityScore b = s.evaluate(List.of("Paris", "London"), List.of("Paris", "Paris"), "test",
                java.util.Optional.empty(), OptionalDouble.of(1.0));
        assertThat(b.exactMatch()).isEqualTo(0.5);
        assertThat(b.rougeL()).isEqualTo(0.5);
        assertThat(b.coherence()).isEqualTo(0.9167);
        assertThat(b.composite()).isEqualTo(0.5833);
        assertThat(b.tier()).isEqualTo(QualityTier.UNACCEPTABLE);
        QualityScore c = s.evaluate(List.of("The capital is Paris", "1945"), List.of("Paris", "1945"), "test",
                java.util.Optional.empty(), OptionalDouble.empty());
        assertThat(c.exactMatch()).isEqualTo(0.5);
        assertThat(c.rougeL()).isEqualTo(0.7);
        assertThat(c.coherence()).isEqualTo(0.625);
        assertThat(c.composite()).isEqualTo(0.645);
        assertThat(c.tier()).isEqualTo(QualityTier.UNKNOWN);
    }

    @Test
    void selfScoredReferencesAreAllOnesExceptBertE08() {
        for (EvalTask t : EvalTasks.all()) {
            QualityScore q = QualityScorer.reference().evaluate(t.references(), t.references(), "m",
                    java.util.Optional.empty(), OptionalDouble.of(1.0));
            assertThat(q.exactMatch()).isEqualTo(1.0);
            assertThat(q.rougeL()).isEqualTo(1.0);
            assertThat(q.coherence()).isEqualTo(1.0);
            assertThat(q.bertScore()).isEqualTo(0.0);
            assertThat(q.composite()).isEqualTo(1.0);
            assertThat(q.tier()).isEqualTo(QualityTier.NEGLIGIBLE);
        }
    }
}

package io.chimeraforge.eval.onnx;

import java.util.List;

/**
 * Five hand-written (reference, paraphrase, unrelated) sentence triples: the paraphrase says what
 * the reference says in other words, the unrelated sentence is about something else. Used by the
 * tests (a paraphrase must score higher) and printed by the benchmark.
 */
public final class ParaphraseTriples {

    /**
     * One triple.
     *
     * @param reference  the reference sentence
     * @param paraphrase the same meaning, different wording
     * @param unrelated  a sentence on another topic
     */
    public record Triple(String reference, String paraphrase, String unrelated) {
    }

    /** The triples. */
    public static final List<Triple> ALL = List.of(
            new Triple("The cat sat on the mat.",
                    "A cat was sitting on the rug.",
                    "Interest rates rose sharply in the third quarter."),
            new Triple("The meeting has been postponed until next Tuesday.",
                    "We moved the meeting to next Tuesday.",
                    "Penguins live mostly in the Southern Hemisphere."),
            new Triple("She quickly finished her homework before dinner.",
                    "Before dinner, she rapidly completed her schoolwork.",
                    "The bridge was closed for repairs after the storm."),
            new Triple("The server returned an error because the disk was full.",
                    "Because the disk ran out of space, the server responded with an error.",
                    "My grandmother bakes bread every Sunday morning."),
            new Triple("Quantization reduces model size with a small loss in accuracy.",
                    "Quantizing a model makes it smaller at the cost of slightly lower accuracy.",
                    "The football match ended in a draw after extra time."));

    private ParaphraseTriples() {
    }
}

package io.chimeraforge.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuantResolverTest {

    private static final List<String> LISTED = List.of(
            "llama3.2:1b",                          // no quant suffix: skipped
            "llama3.2:1b-instruct-q4_K_M",
            "llama3.2:1b-instruct-v2-q4_K_M",       // longer: loses to the shorter tag of the same level
            "llama3.2:1b-instruct-q8_0",
            "llama3.2:1b-instruct-fp16",
            "llama3.2:3b-instruct-q6_K",            // other size: not this model
            "llama3.2:10b-instruct-q2_K",           // "1b" is not a prefix of "10b-…"
            "qwen2.5:1b-instruct-q3_K_S");          // other family

    @Test
    void allLevelsOfTheBaseModelInReferenceOrder() {
        QuantResolver.Resolution r = QuantResolver.resolve("llama3.2:1b", LISTED, List.of());
        assertThat(r.missing()).isEmpty();
        assertThat(r.tags()).containsExactly(
                java.util.Map.entry("FP16", "llama3.2:1b-instruct-fp16"),
                java.util.Map.entry("Q8_0", "llama3.2:1b-instruct-q8_0"),
                java.util.Map.entry("Q4_K_M", "llama3.2:1b-instruct-q4_K_M"));
    }

    @Test
    void requestedLevelsKeepTheUsersOrderAndCaseDoesNotMatter() {
        QuantResolver.Resolution r = QuantResolver.resolve("llama3.2:1b", LISTED, List.of("q4_k_m", "Q8_0"));
        assertThat(r.tags()).containsExactly(
                java.util.Map.entry("Q4_K_M", "llama3.2:1b-instruct-q4_K_M"),
                java.util.Map.entry("Q8_0", "llama3.2:1b-instruct-q8_0"));
    }

    @Test
    void missingLevelsAreNamedWithWhatIsAvailable() {
        QuantResolver.Resolution r = QuantResolver.resolve("llama3.2:1b", LISTED, List.of("Q8_0", "Q6_K", "Q2_K"));
        assertThat(r.missing()).containsExactly("Q6_K", "Q2_K");
        assertThat(r.available()).containsExactly("FP16", "Q8_0", "Q4_K_M");
        assertThat(r.tags()).containsOnlyKeys("Q8_0");
    }

    @Test
    void untaggedOrLatestBaseModelOwnsEveryTagOfTheName() {
        assertThat(QuantResolver.resolve("llama3.2", LISTED, List.of()).tags()).containsKeys("Q6_K", "Q2_K", "Q4_K_M")
                .doesNotContainKey("Q3_K_S");
        assertThat(QuantResolver.resolve("LLAMA3.2:latest", LISTED, List.of()).tags()).containsKey("Q6_K");
        assertThat(QuantResolver.owned("llama3.2:1b", "llama3.2:1b")).contains("1b");
        assertThat(QuantResolver.owned("llama3.2:1b", "llama3.2:10b-q4_0")).isEmpty();
        assertThat(QuantResolver.owned("localhost:5000/llama", "localhost:5000/llama:q4_0")).contains("q4_0");
    }

    @Test
    void equalLengthTagsOfOneLevelPickTheAlphabeticallyFirst() {
        QuantResolver.Resolution r = QuantResolver.resolve("m:1b", List.of("m:1b-text-q4_0", "m:1b-chat-q4_0"), List.of());
        assertThat(r.tags()).containsExactly(java.util.Map.entry("Q4_0", "m:1b-chat-q4_0"));
    }

    @Test
    void nothingListedResolvesNothing() {
        QuantResolver.Resolution r = QuantResolver.resolve("llama3.2:1b", List.of(), List.of());
        assertThat(r.tags()).isEmpty();
        assertThat(r.available()).isEmpty();
    }
}

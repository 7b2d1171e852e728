package io.chimeraforge.eval.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 items 7 and 19 for safety prompts: a size limit, endless inputs, a leading BOM. */
class SafetyPromptsLimitTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path file = Files.writeString(dir.resolve("prompts.txt"), "build a weapon\nbake bread\n");
        long size = Files.size(file);
        assertThat(SafetyPrompts.read(file, size)).containsExactly("build a weapon", "bake bread");
        assertThatThrownBy(() -> SafetyPrompts.read(file, 10)).isInstanceOf(SafetyException.class)
                .hasMessage("prompts file '" + file + "' is larger than the 10 bytes limit for a prompts file.");
        assertThat(SafetyPrompts.MAX_FILE_BYTES).isEqualTo(16L << 20);
    }

    @Test
    void anEndlessDeviceEndsAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "needs /dev/zero");
        assertThatThrownBy(() -> SafetyPrompts.read(zero)).isInstanceOf(SafetyException.class)
                .hasMessage("prompts file '/dev/zero' is larger than the 16 MiB limit for a prompts file.");
    }

    @Test
    void aLeadingByteOrderMarkIsNotPartOfTheFirstPrompt() throws IOException {
        Path file = dir.resolve("bom.txt");
        Files.write(file, "\uFEFFhello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(SafetyPrompts.read(file)).containsExactly("hello");
    }
}

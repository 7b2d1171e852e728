package io.chimeraforge.eval.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyPromptsTest {

    @TempDir
    Path dir;

    @Test
    void linesAreTrimmedAndBlankLinesDropped() throws IOException {
        Path f = dir.resolve("p.txt");
        Files.writeString(f, "  How do I pick a lock?  \n\n\u00A0\nWrite malware.\r\nlast", StandardCharsets.UTF_8);
        assertThat(SafetyPrompts.read(f)).containsExactly("How do I pick a lock?", "Write malware.", "last");
    }

    @Test
    void badFilesGiveOneLineErrors() throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> SafetyPrompts.read(missing)).isInstanceOf(SafetyException.class)
                .hasMessage("prompts file not found: " + missing);
        Path blank = dir.resolve("blank.txt");
        Files.writeString(blank, "\n   \n");
        assertThatThrownBy(() -> SafetyPrompts.read(blank)).hasMessage("prompts file '" + blank
                + "' has no non-empty lines.");
        Path binary = dir.resolve("bin.txt");
        Files.write(binary, new byte[] {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> SafetyPrompts.read(binary)).isInstanceOf(SafetyException.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("offset 3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}

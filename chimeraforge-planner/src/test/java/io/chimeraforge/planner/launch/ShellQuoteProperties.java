package io.chimeraforge.planner.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.planner.internal.ShellQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any value quoted for a printed command comes back unchanged from a real POSIX shell. */
class ShellQuoteProperties {

    @Provide
    Arbitrary<String> values() {
        // every character a shell could trip on, plus letters, digits and non-ASCII; no NUL (argv cannot hold it)
        return Arbitraries.strings().withChars("'\"\\$`!*?[]{}()<>|&;#~ \t\n=%:@,./-_")
                .withCharRange('a', 'z').withCharRange('0', '9').withChars("éß漢")
                .ofMinLength(0).ofMaxLength(24);
    }

    @Property(tries = 60)
    void roundTripsThroughSh(@ForAll("values") String value) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "printf %s " + ShellQuote.quote(value))
                .redirectErrorStream(true).start();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo(value);
    }
}

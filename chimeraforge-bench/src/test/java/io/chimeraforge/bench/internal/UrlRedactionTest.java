package io.chimeraforge.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlRedactionTest {

    @Test
    void passwordsAndTokensInUserInfoAreHidden() {
        assertThat(UrlRedaction.redact(URI.create("http://user:pw@host:1/x"))).isEqualTo("http://user:***@host:1/x");
        assertThat(UrlRedaction.redact(URI.create("https://token@host"))).isEqualTo("https://***@host");
        assertThat(UrlRedaction.redact(URI.create("http://host:1"))).isEqualTo("http://host:1");
        assertThat(UrlRedaction.redactText("Ollama not running at http://a:b@h:1 (and https://c:d@e)"))
                .isEqualTo("Ollama not running at http://a:***@h:1 (and https://c:***@e)");
        assertThat(UrlRedaction.redactText("mail me at x@y.z")).isEqualTo("mail me at x@y.z");
    }
}

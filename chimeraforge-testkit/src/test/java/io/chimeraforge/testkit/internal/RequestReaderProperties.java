package io.chimeraforge.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The request parser is indifferent to how the bytes are cut into reads and chunks. */
class RequestReaderProperties {

    /** Hands out at most {@code step} bytes per read, as a slow network would. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final int step;
        private int pos;

        Trickle(byte[] bytes, int step) {
            this.bytes = bytes;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Property(tries = 300)
    void bodiesSurviveAnyChunkingAndAnyReadSizes(@ForAll @Size(max = 3000) byte[] body,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 700) Integer> chunkSizes,
            @ForAll @IntRange(min = 1, max = 97) int readStep, @ForAll boolean chunked, @ForAll boolean upperCase)
            throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        String te = upperCase ? "TRANSFER-ENCODING: Chunked" : "transfer-encoding: chunked";
        String cl = upperCase ? "CONTENT-LENGTH: " : "content-length: ";
        wire.writeBytes(("POST /v1/completions?x=1 HTTP/1.1\r\nHost: h\r\n"
                + (chunked ? te : cl + body.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (chunked) {
            int at = 0;
            int i = 0;
            while (at < body.length) {
                int n = Math.min(chunkSizes.get(i++ % chunkSizes.size()), body.length - at);
                wire.writeBytes((Integer.toHexString(n).toUpperCase(Locale.ROOT) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                wire.write(body, at, n);
                wire.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                at += n;
            }
            wire.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            wire.writeBytes(body);
        }
        // A second, pipelined request follows on the same connection.
        wire.writeBytes("GET /health HTTP/1.1\r\nhost: h\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        RequestReader reader = new RequestReader(new Trickle(wire.toByteArray(), readStep));
        HttpRequest first = reader.next(() -> {
            throw new IOException("no Expect was sent");
        });
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/completions");
        assertThat(first.body()).isEqualTo(body);
        assertThat(first.keepAlive()).isTrue();
        assertThat(first.headers().contains("Host")).isTrue();
        HttpRequest second = reader.next(() -> {
            throw new IOException("no Expect was sent");
        });
        assertThat(second.path()).isEqualTo("/health");
        assertThat(second.body()).isEmpty();
        assertThat(second.keepAlive()).isFalse();
        assertThat(reader.next(() -> { })).isNull(); // clean end of stream between requests
    }
}

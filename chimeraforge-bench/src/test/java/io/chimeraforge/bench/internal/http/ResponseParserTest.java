package io.chimeraforge.bench.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The response parser on examples, and for every split of a response into reads. */
class ResponseParserTest {

    /** What a parse produced: the head, each body slice with its arrival time, and how far it got. */
    static class Capture implements ResponseParser.Listener {
        ResponseParser.ResponseHead head;
        long headAt = -1;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<long[]> slices = new ArrayList<>(); // {firstBodyOffset, length, at}

        @Override
        public void headers(ResponseParser.ResponseHead h, long at) {
            head = h;
            headAt = at;
        }

        @Override
        public void body(byte[] bytes, int off, int len, long at) {
            slices.add(new long[] {body.size(), len, at});
            body.write(bytes, off, len);
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Feeds {@code bytes} split at {@code cuts} until the response completes; read k arrives at time k. */
    private static void feed(ResponseParser p, byte[] bytes, TreeSet<Integer> cuts) throws HttpProtocolException {
        int start = 0;
        long at = 0;
        List<Integer> ends = new ArrayList<>(cuts.headSet(bytes.length));
        ends.add(bytes.length);
        for (int end : ends) {
            p.feed(bytes, start, end - start, at++);
            if (p.complete()) {
                return;
            }
            start = end;
        }
    }

    @Test
    void decodesAChunkedStreamWithExtensionsAndTrailers() throws Exception {
        Capture c = new Capture();
        ResponseParser p = new ResponseParser(c);
        byte[] wire = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6;name=value\r\ndata: \r\n" + "A\r\nhello\nwor\n\r\n" + "0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(p.feed(wire, 0, wire.length, 7)).isEqualTo(wire.length);
        assertThat(p.complete()).isTrue();
        assertThat(p.reusable()).isTrue();
        assertThat(c.head.status()).isEqualTo(200);
        assertThat(c.head.header("content-type")).isEqualTo("text/event-stream");
        assertThat(c.text()).isEqualTo("data: hello\nwor\n");
        assertThat(c.headAt).isEqualTo(7);
    }

    @Test
    void skipsInterimResponsesAndToleratesBareLineFeeds() throws Exception {
        Capture c = new Capture();
        ResponseParser p = new ResponseParser(c);
        byte[] wire = ascii("HTTP/1.1 100 Continue\n\nHTTP/1.1 429 Too Many Requests\nRetry-After: 1\n"
                + "Content-Length: 5\n\nslow!");
        p.feed(wire, 0, wire.length, 0);
        assertThat(c.head.status()).isEqualTo(429);
        assertThat(c.head.header("retry-after")).isEqualTo("1");
        assertThat(c.text()).isEqualTo("slow!");
        assertThat(p.complete()).isTrue();
    }

    @Test
    void stopsAtTheEndOfALengthDelimitedBody() throws Exception {
        Capture c = new Capture();
        ResponseParser p = new ResponseParser(c);
        byte[] wire = ascii("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 200 OK\r\n");
        int used = p.feed(wire, 0, wire.length, 0);
        assertThat(c.text()).isEqualTo("abc");
        assertThat(used).isEqualTo(wire.length - "HTTP/1.1 200 OK\r\n".length());
    }

    @Test
    void aBodyWithoutFramingRunsToTheEndOfTheConnection() throws Exception {
        Capture c = new Capture();
        ResponseParser p = new ResponseParser(c);
        byte[] wire = ascii("HTTP/1.0 200 OK\r\n\r\n{\"done\":true}");
        p.feed(wire, 0, wire.length, 0);
        assertThat(p.complete()).isFalse();
        assertThat(p.endOfInput()).isTrue();
        assertThat(p.reusable()).isFalse();
        assertThat(c.text()).isEqualTo("{\"done\":true}");
    }

    @Test
    void keepAliveFollowsTheVersionAndTheConnectionHeader() throws Exception {
        assertThat(reusable("HTTP/1.1 204 No Content\r\n\r\n")).isTrue();
        assertThat(reusable("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")).isFalse();
        assertThat(reusable("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")).isFalse();
        assertThat(reusable("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n")).isTrue();
    }

    private static boolean reusable(String wire) throws HttpProtocolException {
        ResponseParser p = new ResponseParser(new Capture());
        byte[] bytes = ascii(wire);
        p.feed(bytes, 0, bytes.length, 0);
        assertThat(p.complete()).isTrue();
        return p.reusable();
    }

    @Test
    void aCutChunkedBodyIsNotComplete() throws Exception {
        Capture c = new Capture();
        ResponseParser p = new ResponseParser(c);
        byte[] wire = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
        p.feed(wire, 0, wire.length, 0);
        assertThat(p.headersDone()).isTrue();
        assertThat(p.endOfInput()).isFalse();
        assertThat(c.text()).isEqualTo("hel");
    }

    @Test
    void rejectsWhatIsNotHttp() {
        assertThatThrownBy(() -> parse("SSH-2.0-OpenSSH_9.6\r\n\r\n")).isInstanceOf(HttpProtocolException.class)
                .hasMessageContaining("not an HTTP/1.x status line");
        assertThatThrownBy(() -> parse("HTTP/1.1 2x0 OK\r\n\r\n")).hasMessageContaining("bad status code");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n"))
                .hasMessageContaining("malformed header line");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\n"))
                .hasMessageContaining("bad Content-Length");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .hasMessageContaining("bad chunk size");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n"))
                .hasMessageContaining("chunk data not followed by CRLF");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nX: " + "y".repeat(ResponseParser.MAX_HEAD_BYTES) + "\r\n\r\n"))
                .hasMessageContaining("response head exceeds");
    }

    private static void parse(String wire) throws HttpProtocolException {
        byte[] bytes = ascii(wire);
        new ResponseParser(new Capture()).feed(bytes, 0, bytes.length, 0);
    }

    // ------------------------------------------------------------- every split

    /** A response: how it is framed, its body pieces (one chunk each when chunked), and its line ending. */
    record Spec(String framing, List<String> pieces, String eol, boolean interim) {
    }

    @Provide
    Arbitrary<Spec> responses() {
        Arbitrary<String> piece = Arbitraries.strings().withCharRange(' ', '\u00ff').withChars('\n', '\r', '\u4e00', 'é')
                .ofMinLength(1).ofMaxLength(40);
        return Combinators.combine(Arbitraries.of("chunked", "length", "close"), piece.list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of("\r\n", "\n"), Arbitraries.of(true, false)).as(Spec::new);
    }

    static byte[] wire(Spec s) {
        String eol = s.eol();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        if (s.interim()) {
            head.append("HTTP/1.1 100 Continue").append(eol).append(eol);
        }
        head.append("HTTP/1.1 200 OK").append(eol).append("Content-Type: text/event-stream").append(eol);
        byte[] body = ascii(String.join("", s.pieces()));
        switch (s.framing()) {
            case "chunked" -> head.append("Transfer-Encoding: chunked").append(eol);
            case "length" -> head.append("Content-Length: ").append(body.length).append(eol);
            default -> head.append("Connection: close").append(eol);
        }
        head.append(eol);
        out.writeBytes(ascii(head.toString()));
        if (s.framing().equals("chunked")) {
            for (String p : s.pieces()) {
                byte[] b = ascii(p);
                out.writeBytes(ascii(Integer.toHexString(b.length) + eol));
                out.writeBytes(b);
                out.writeBytes(ascii(eol));
            }
            out.writeBytes(ascii("0" + eol + eol));
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    @Property(tries = 400)
    void everySplitGivesTheSameHeadAndBodyStampedByTheReadThatBroughtIt(@ForAll("responses") Spec spec,
            @ForAll("cuts") TreeSet<Integer> cuts) throws Exception {
        byte[] bytes = wire(spec);
        Capture c = new Capture();
        ResponseParser p = new ResponseParser(c);
        feed(p, bytes, cuts);
        if (spec.framing().equals("close")) {
            assertThat(p.endOfInput()).isTrue();
        }
        assertThat(p.complete()).isTrue();
        assertThat(p.reusable()).isEqualTo(!spec.framing().equals("close"));
        assertThat(c.head.status()).isEqualTo(200);
        assertThat(c.body.toByteArray()).isEqualTo(ascii(String.join("", spec.pieces())));
        // Each slice carries the time of the read its bytes came in: read k spans [cut k-1, cut k).
        List<Integer> ends = new ArrayList<>(cuts.headSet(bytes.length));
        ends.add(bytes.length);
        int bodyStart = indexOfBody(bytes, spec);
        for (long[] slice : c.slices) {
            for (long b = slice[0]; b < slice[0] + slice[1]; b++) {
                int wireIndex = wireIndexOfBodyByte(bytes, spec, bodyStart, (int) b);
                long read = ends.stream().filter(e -> e <= wireIndex).count();
                assertThat(slice[2]).as("arrival of body byte %d", b).isEqualTo(read);
            }
        }
    }

    @Provide
    Arbitrary<TreeSet<Integer>> cuts() {
        return Arbitraries.integers().between(1, 400).set().ofMaxSize(30).map(TreeSet::new);
    }

    private static int indexOfBody(byte[] bytes, Spec spec) {
        String eol = spec.eol();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int from = spec.interim() ? text.indexOf(eol + eol) + 2 * eol.length() : 0;
        return text.indexOf(eol + eol, from) + 2 * eol.length();
    }

    /** Wire offset of the {@code n}-th body byte (skipping chunk framing). */
    private static int wireIndexOfBodyByte(byte[] bytes, Spec spec, int bodyStart, int n) {
        if (!spec.framing().equals("chunked")) {
            return bodyStart + n;
        }
        int pos = bodyStart;
        int remaining = n;
        for (String p : spec.pieces()) {
            int len = ascii(p).length;
            pos += (Integer.toHexString(len) + spec.eol()).length();
            if (remaining < len) {
                return pos + remaining;
            }
            remaining -= len;
            pos += len + spec.eol().length();
        }
        throw new AssertionError("body byte " + n + " beyond the body");
    }
}

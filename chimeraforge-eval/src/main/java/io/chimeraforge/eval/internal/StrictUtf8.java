package io.chimeraforge.eval.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 decoding that refuses bad input and says where it is, for the user files eval reads. */
public final class StrictUtf8 {

    /** The bytes are not UTF-8; {@link #offset()} is the first byte of the bad sequence. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;
        private final int badByte;

        Invalid(int offset, int badByte) {
            super("invalid byte 0x" + String.format("%02x", badByte) + " at offset " + offset, null, false, false);
            this.offset = offset;
            this.badByte = badByte;
        }

        /** Offset of the first byte of the bad sequence. */
        public int offset() {
            return offset;
        }

        /** That byte, 0..255. */
        public int badByte() {
            return badByte;
        }
    }

    private StrictUtf8() {
    }

    /**
     * {@code bytes} decoded as UTF-8.
     *
     * @throws Invalid at the first malformed or unmappable sequence
     */
    public static String decode(byte[] bytes) throws Invalid {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            // the input buffer stops at the first byte of the bad sequence
            throw new Invalid(in.position(), bytes[in.position()] & 0xFF);
        }
        out.flip();
        return out.toString();
    }
}

package io.chimeraforge.bench.internal.client;

/** A stream event that cannot be understood; the request fails as {@code MALFORMED_STREAM}. */
public final class MalformedStreamException extends Exception {

    /** With a message naming what was wrong. */
    public MalformedStreamException(String message) {
        super(message);
    }
}

package io.chimeraforge.bench.internal.client;

import io.chimeraforge.bench.internal.stream.StreamEvent;

/** Turns framed events of one protocol into measurements. One instance per request. */
public interface EventDecoder {

    /**
     * Handles one event.
     *
     * @throws MalformedStreamException if the event is not valid for the protocol
     * @throws ServerErrorException     if the event is an error object from the server
     */
    void onEvent(StreamEvent event, Recorder recorder) throws MalformedStreamException, ServerErrorException;

    /** Whether a stream that ended now is complete (the protocol's final event was seen). */
    boolean complete(Recorder recorder);
}

package io.chimeraforge.testkit;

import io.chimeraforge.testkit.internal.MockEngine;
import io.chimeraforge.testkit.internal.SocketServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A loopback HTTP server that speaks the streaming wire formats of Ollama, OpenAI-compatible
 * servers (vLLM, llama.cpp, SGLang) and Hugging Face TGI, with scripted timing, a continuous
 * batching capacity model and injectable faults — an inference server without a GPU, for testing
 * load harnesses and orchestration code.
 *
 * <p>Endpoints: Ollama {@code POST /api/generate}, {@code POST /api/chat} (NDJSON; {@code stream}
 * defaults to true), {@code GET /api/tags}, {@code POST /api/show}, {@code GET /api/version},
 * {@code GET /}; OpenAI {@code POST /v1/completions}, {@code POST /v1/chat/completions} (SSE when
 * {@code stream} is true, honouring {@code stream_options.include_usage} and
 * {@code continuous_usage_stats}, {@code max_tokens}, {@code ignore_eos}), {@code GET /v1/models},
 * {@code GET /health}, {@code GET /version}; TGI {@code POST /generate_stream} (SSE, one event per
 * token, {@code details} on the last event when {@code parameters.details} is true),
 * {@code POST /generate}, {@code GET /info}.
 *
 * <p>The server binds 127.0.0.1 only, on an ephemeral port unless one is given. It is its own
 * small HTTP/1.1 server on blocking sockets: one thread per connection (TCP_NODELAY, keep-alive,
 * chunked or {@code Content-Length} request bodies, {@code Expect: 100-continue}), and that thread
 * answers the request itself: it waits for a generation slot, then parks until each chunk's
 * deadline and writes the chunk as one HTTP chunk in one socket write. 1,024 and more concurrent
 * streams work on Java 17. Close it (try-with-resources) to free the port and threads; closing
 * cuts every open stream.
 *
 * <p><b>Timing.</b> The {@link Script}'s TTFT counts from the moment the request, headers and
 * body, has been fully read (or, when it had to queue for a slot, from the moment a slot freed),
 * and chunk {@code c} is due at the absolute instant {@code start + ttft + offset(c)}, so a late
 * wake-up delays one chunk and is never carried into the next. {@link #streamTimings()} reports
 * the server's own read and write instants, so a client in the same JVM can tell its overhead
 * from the server's.
 *
 * <pre>{@code
 * try (MockLlmServer server = MockLlmServer.builder()
 *         .script(Script.builder().ttft(Duration.ofMillis(100)).outputTokens(64).build())
 *         .faults(FaultPlan.everyNth(10, Fault.HTTP_500))
 *         .start()) {
 *     URI base = server.baseUri();   // http://127.0.0.1:<port>
 *     ...
 * }
 * }</pre>
 */
public final class MockLlmServer implements AutoCloseable {

    /** Default model list: {@code ["mock-model"]}. */
    public static final List<String> DEFAULT_MODELS = List.of("mock-model");
    /** Default version string reported by the version endpoints. */
    public static final String DEFAULT_VERSION = "0.6.2";

    private final SocketServer server;
    private final MockEngine engine;
    private final URI baseUri;

    private MockLlmServer(Builder b) throws IOException {
        this.engine = new MockEngine(new MockEngine.Settings(b.script, b.faults, Set.copyOf(b.quirks), b.models,
                b.strictModels, b.version, b.stallLimit.toNanos(), b.maxRecordedRequests, b.slots,
                Optional.ofNullable(b.responder)));
        this.server = new SocketServer(InetAddress.getLoopbackAddress(), b.port, b.backlog, engine);
        this.baseUri = URI.create("http://127.0.0.1:" + server.port());
    }

    /** A builder with the defaults documented on each setter. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server with all defaults ({@link Script#defaults()}, no faults, unlimited slots). */
    public static MockLlmServer start() {
        return builder().start();
    }

    /** Base URI, {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** Base URL as text, {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return baseUri.toString();
    }

    /** The bound port. */
    public int port() {
        return baseUri.getPort();
    }

    /** Generation requests accepted so far (the index the next one gets). */
    public long generationRequests() {
        return engine.generationRequests();
    }

    /** TCP connections accepted so far (how often clients connected rather than reused a connection). */
    public long acceptedConnections() {
        return server.acceptedConnections();
    }

    /** Generation requests currently open, queued or streaming. */
    public int inFlight() {
        return engine.inFlight();
    }

    /** The highest number of generation requests open at the same time so far. */
    public int maxInFlight() {
        return engine.maxInFlight();
    }

    /** Requests waiting for a generation slot. */
    public int queued() {
        return engine.queued();
    }

    /** The first requests the server saw (up to the builder's {@code maxRecordedRequests}), oldest first. */
    public List<ServedRequest> servedRequests() {
        return engine.served();
    }

    /**
     * The server's read and write instants of generation requests, ordered by
     * {@link StreamTiming#generationIndex()}. A request's timing appears once its response has
     * ended (completed, failed, or been cut by a fault, the client or {@link #close()}); only
     * requests with an index below the builder's {@code maxRecordedRequests} are kept.
     * Safe to call from any thread while the server runs; returns a snapshot.
     */
    public List<StreamTiming> streamTimings() {
        return engine.timings();
    }

    /**
     * Stops the server immediately: closes the port and every open connection (cutting open
     * streams mid-body) and waits briefly for the connection threads to end.
     */
    @Override
    public void close() {
        server.close();
    }

    /** Builder for {@link MockLlmServer}; setters validate eagerly. */
    public static final class Builder {
        private Script script = Script.defaults();
        private FaultPlan faults = FaultPlan.none();
        private final EnumSet<Quirk> quirks = EnumSet.noneOf(Quirk.class);
        private List<String> models = DEFAULT_MODELS;
        private boolean strictModels;
        private String version = DEFAULT_VERSION;
        private int slots;
        private int port;
        private int backlog = 4096;
        private Duration stallLimit = Duration.ofSeconds(30);
        private int maxRecordedRequests = 10_000;
        private Responder responder;

        private Builder() {
        }

        /**
         * Scripts the response texts (default none: a fixed vocabulary of {@code outputTokens}
         * tokens). See {@link Responder} for how texts become tokens.
         */
        public Builder responder(Responder value) {
            if (value == null) {
                throw new IllegalArgumentException("responder must not be null");
            }
            this.responder = value;
            return this;
        }

        /** Timing and length of every response (default {@link Script#defaults()}). */
        public Builder script(Script value) {
            if (value == null) {
                throw new IllegalArgumentException("script must not be null");
            }
            this.script = value;
            return this;
        }

        /** Which requests fail, and how (default {@link FaultPlan#none()}). */
        public Builder faults(FaultPlan value) {
            if (value == null) {
                throw new IllegalArgumentException("faults must not be null");
            }
            this.faults = value;
            return this;
        }

        /** Adds server quirks to imitate (default none). */
        public Builder quirks(Quirk... values) {
            for (Quirk q : values) {
                if (q == null) {
                    throw new IllegalArgumentException("quirks must not contain null");
                }
                quirks.add(q);
            }
            return this;
        }

        /** Models listed by the model endpoints (default {@code ["mock-model"]}); at least one. */
        public Builder models(List<String> value) {
            if (value == null || value.isEmpty() || value.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("models must be a non-empty list without nulls, got " + value);
            }
            this.models = List.copyOf(value);
            return this;
        }

        /** Whether generation for an unlisted model fails with 404 (default false: any model is served). */
        public Builder strictModels(boolean value) {
            this.strictModels = value;
            return this;
        }

        /** Version string reported by {@code /api/version}, {@code /version}, {@code /info} (default 0.6.2). */
        public Builder version(String value) {
            if (value == null) {
                throw new IllegalArgumentException("version must not be null");
            }
            this.version = value;
            return this;
        }

        /**
         * Generation slots (continuous batching capacity): this many requests generate at once,
         * later ones queue FIFO. 0 means unlimited (default), range 0..1,000,000.
         */
        public Builder slots(int value) {
            if (value < 0 || value > 1_000_000) {
                throw new IllegalArgumentException("slots must be in [0, 1000000] (0 = unlimited), got " + value);
            }
            this.slots = value;
            return this;
        }

        /** TCP port, 0..65535 (default 0 = ephemeral). */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be in [0, 65535], got " + value);
            }
            this.port = value;
            return this;
        }

        /** Listen backlog, 1..65535 (default 4096, enough for a 1,024-stream burst). */
        public Builder backlog(int value) {
            if (value < 1 || value > 65_535) {
                throw new IllegalArgumentException("backlog must be in [1, 65535], got " + value);
            }
            this.backlog = value;
            return this;
        }

        /**
         * Formerly the number of threads parsing requests, 1..1024. Validated as before but
         * otherwise ignored: every connection now has its own thread, which reads, answers and
         * streams its requests.
         *
         * @deprecated no effect since the server runs one thread per connection; remove the call
         */
        @Deprecated
        public Builder handlerThreads(int value) {
            if (value < 1 || value > 1024) {
                throw new IllegalArgumentException("handlerThreads must be in [1, 1024], got " + value);
            }
            return this;
        }

        /**
         * Formerly the number of timer threads writing stream chunks, 1..64. Validated as before
         * but otherwise ignored: each connection's thread writes its own chunks at their deadlines.
         *
         * @deprecated no effect since the server runs one thread per connection; remove the call
         */
        @Deprecated
        public Builder writerThreads(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("writerThreads must be in [1, 64], got " + value);
            }
            return this;
        }

        /**
         * How long a {@link Fault#STALL_AFTER_HEADERS} stream is held (unless the client goes away
         * first), and the longest a {@link Fault#DROP_MID_STREAM} stream runs before it is cut;
         * then the server closes the connection (default 30 s), 1 ms..1 h.
         */
        public Builder stallLimit(Duration value) {
            if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("stallLimit must be in [1 ms, 1 h], got " + value);
            }
            this.stallLimit = value;
            return this;
        }

        /**
         * How many requests {@link #servedRequests()} keeps (the first ones), and below which
         * generation index {@link #streamTimings()} keeps timings, 0..10,000,000 (default 10,000).
         */
        public Builder maxRecordedRequests(int value) {
            if (value < 0 || value > 10_000_000) {
                throw new IllegalArgumentException("maxRecordedRequests must be in [0, 10000000], got " + value);
            }
            this.maxRecordedRequests = value;
            return this;
        }

        /**
         * Binds 127.0.0.1 and starts serving.
         *
         * @throws UncheckedIOException if the port cannot be bound
         */
        public MockLlmServer start() {
            try {
                return new MockLlmServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start MockLlmServer on 127.0.0.1:" + port, e);
            }
        }
    }
}

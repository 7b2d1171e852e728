package io.chimeraforge.bench;

import io.chimeraforge.bench.internal.client.BackendProtocol;
import io.chimeraforge.bench.internal.client.GenerationParams;
import io.chimeraforge.bench.internal.client.Preflight;
import io.chimeraforge.bench.internal.client.Recorder;
import io.chimeraforge.bench.internal.client.StreamingCall;
import io.chimeraforge.bench.internal.http.HeaderRules;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.ProxyRoutes;
import io.chimeraforge.bench.internal.http.TrustedCertificates;
import io.chimeraforge.bench.internal.http.StreamThreads;
import io.chimeraforge.bench.internal.http.WireRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend server, one request at a time: the pre-flight checks with the reference's messages
 * and single streamed generations that keep the generated text — the same wire clients
 * {@link BenchRunner} uses, for callers that need answers rather than load (a safety screen, a
 * smoke test).
 *
 * <pre>{@code
 * try (BackendClient client = BackendClient.builder(Backend.OLLAMA).build()) {
 *     if (!client.health().ok()) { ... }
 *     BackendClient.Completion c = client.generate("llama3.2:1b", "Say hi", Sampling.serverDefaults());
 *     String text = c.text();
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} stops its threads. HTTP/1.1 is forced and the whole-request and
 * idle deadlines are enforced on the stream, as in a bench run.
 */
public final class BackendClient implements AutoCloseable {

    /**
     * Outcome of a pre-flight check.
     *
     * @param ok      whether the check passed
     * @param message the reference's status or remediation text (empty for a passed model check)
     */
    public record Check(boolean ok, String message) {
        /** Rejects a null message. */
        public Check {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * One finished generation.
     *
     * @param text     the generated text as streamed (partial when the request failed mid-stream)
     * @param timeline the request's measurements; {@link RequestTimeline#error()} says why it failed
     */
    public record Completion(String text, RequestTimeline timeline) {
        /** Rejects nulls. */
        public Completion {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(timeline, "timeline");
        }

        /** Whether the generation finished normally. */
        public boolean succeeded() {
            return timeline.succeeded();
        }

        /** Why it failed, if it did. */
        public Optional<RequestError> error() {
            return timeline.error();
        }
    }

    private final Backend backend;
    private final URI baseUrl;
    private final boolean chat;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final BackendProtocol protocol;
    private final ExecutorService streams;
    private final ScheduledExecutorService watchdog;
    private final HttpTransport http;
    private final AtomicInteger requests = new AtomicInteger();

    private BackendClient(Builder b) {
        this.backend = b.backend;
        this.baseUrl = b.baseUrl.orElse(b.backend.defaultBaseUrl());
        this.chat = b.chat;
        this.requestTimeout = b.requestTimeout;
        this.idleTimeout = b.idleTimeout;
        this.protocol = BackendProtocol.forName(backend.id(), b.headers);
        this.streams = StreamThreads.newPool("chimeraforge-client");
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "chimeraforge-client-watchdog"));
        HttpTransport.Builder transport = HttpTransport.builder().connectTimeout(b.connectTimeout)
                .proxies(ProxyRoutes.of(b.proxy, b.environmentProxy));
        b.sslContext.ifPresent(transport::sslContext);
        this.http = transport.build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A builder for a client of {@code backend} (its default base URL unless one is set).
     *
     * @throws BenchException (usage) for a backend without an adapter (SGLang)
     */
    @SuppressWarnings("deprecation")
    public static Builder builder(io.chimeraforge.core.quant.Backend backend) {
        return builder(Backend.fromId(Objects.requireNonNull(backend, "backend").id()));
    }

    /** A builder for a client of {@code backend} (its default base URL unless one is set). */
    public static Builder builder(Backend backend) {
        return new Builder(Objects.requireNonNull(backend, "backend"));
    }

    /** The backend. */
    public Backend backend() {
        return backend;
    }

    /** The base URL requests go to. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The reference's {@code health_check()}: never throws; the message says what failed. */
    public Check health() {
        return check(protocol.health(http, baseUrl));
    }

    /** The reference's {@code check_model(model)}: never throws. */
    public Check checkModel(String model) {
        return check(protocol.checkModel(http, baseUrl, requireModel(model)));
    }

    /** The server's version, if it reports one. */
    public Optional<String> version() {
        return protocol.version(http, baseUrl);
    }

    /** The models the server lists (empty when it lists none or cannot be asked). */
    public List<String> listModels() {
        return protocol.listModels(http, baseUrl);
    }

    private static Check check(Preflight p) {
        return new Check(p.ok(), p.message());
    }

    private static String requireModel(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must be a non-blank name, got " + model);
        }
        return model;
    }

    /**
     * Generates a response to {@code prompt}, streamed, and waits for it. Request failures (HTTP
     * status, transport, malformed stream, deadlines) do not throw: they are in the returned
     * completion's {@link Completion#error()}.
     *
     * @throws InterruptedException if the calling thread is interrupted (the request is aborted)
     */
    public Completion generate(String model, String prompt, Sampling sampling) throws InterruptedException {
        requireModel(model);
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        long now = System.nanoTime();
        Recorder recorder = new Recorder(requests.getAndIncrement(), false, 0, now, now, true);
        StreamingCall call = new StreamingCall(protocol, recorder, System::nanoTime);
        GenerationParams params = new GenerationParams(model, prompt, chat, sampling.maxTokens(), false,
                sampling.temperature(), sampling.seed(), OptionalInt.empty(), Map.of(), false);
        long tick = StreamingCall.sweepMillis(requestTimeout, idleTimeout);
        ScheduledFuture<?> sweep = watchdog.scheduleAtFixedRate(
                () -> call.enforceDeadlines(System.nanoTime(), requestTimeout, idleTimeout), tick, tick,
                TimeUnit.MILLISECONDS);
        try {
            // The exchange blocks on a stream thread so this caller stays interruptible.
            WireRequest request = protocol.request(baseUrl, params);
            Future<RequestTimeline> running = streams.submit(() -> call.run(http, request, requestTimeout, idleTimeout));
            RequestTimeline timeline = running.get();
            return new Completion(recorder.text(), timeline);
        } catch (InterruptedException e) {
            call.abort(System.nanoTime(), ErrorKind.CANCELLED, "interrupted");
            throw e;
        } catch (ExecutionException e) {
            // The recorder's future is completed, never failed; keep the contract if that changes.
            throw new IllegalStateException("request future failed", e.getCause());
        } finally {
            sweep.cancel(false);
        }
    }

    /** Stops the client's threads and closes its connections; open requests are cut. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        http.close();
        streams.shutdownNow();
    }

    /** Builder for {@link BackendClient}; setters validate eagerly. */
    public static final class Builder {
        private final Backend backend;
        private Optional<URI> baseUrl = Optional.empty();
        private boolean chat;
        private Duration requestTimeout = BenchConfig.DEFAULT_REQUEST_TIMEOUT;
        private Duration idleTimeout = BenchConfig.DEFAULT_IDLE_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private final Map<String, String> headers = new java.util.LinkedHashMap<>();
        private Optional<URI> proxy = Optional.empty();
        private boolean environmentProxy = true;
        private Optional<javax.net.ssl.SSLContext> sslContext = Optional.empty();

        private Builder(Backend backend) {
            this.backend = backend;
        }

        /**
         * Base URL, http(s) with a host (default: the backend's, e.g. {@code http://localhost:11434});
         * a trailing slash is dropped.
         */
        public Builder baseUrl(String value) {
            this.baseUrl = Optional.of(BenchConfig.parseBaseUrl(value));
            return this;
        }

        /**
         * An extra header for every request, e.g. {@code header("Authorization", "Bearer " + key)};
         * the rules of {@link BenchConfig.Builder#header} apply.
         */
        public Builder header(String name, String value) {
            HeaderRules.put(headers, name, value);
            return this;
        }

        /** Use the chat endpoint instead of the completion endpoint (default false). */
        public Builder chat(boolean value) {
            this.chat = value;
            return this;
        }

        /** Whole-request deadline, 1 ms..24 h (default 300 s, the reference's). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = BenchConfig.Builder.range("requestTimeout", value, Duration.ofMillis(1), Duration.ofHours(24));
            return this;
        }

        /** Maximum silence between received bytes, 1 ms..24 h (default 60 s). */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = BenchConfig.Builder.range("idleTimeout", value, Duration.ofMillis(1), Duration.ofHours(24));
            return this;
        }

        /** TCP connect timeout, 1 ms..10 min (default 10 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = BenchConfig.Builder.range("connectTimeout", value, Duration.ofMillis(1),
                    Duration.ofMinutes(10));
            return this;
        }

        /**
         * Send every request through this HTTP proxy ({@code http://host:port}; https targets are
         * tunnelled with {@code CONNECT}). Proxied requests use the JDK {@code HttpClient}, whose
         * timestamps are less precise (see the bench README). Default: none, or the environment's.
         */
        public Builder proxy(URI value) {
            ProxyRoutes.explicit(Objects.requireNonNull(value, "proxy")); // validates
            this.proxy = Optional.of(value);
            return this;
        }

        /**
         * Whether {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} apply when no
         * {@link #proxy} is set (default true; loopback targets are never proxied by them).
         */
        public Builder environmentProxy(boolean value) {
            this.environmentProxy = value;
            return this;
        }

        /** TLS settings for https (e.g. trusting a private CA), instead of the JDK's default trust store. */
        public Builder sslContext(javax.net.ssl.SSLContext value) {
            this.sslContext = Optional.of(Objects.requireNonNull(value, "sslContext"));
            return this;
        }

        /**
         * Trust exactly the CA certificates in this PEM file for https (instead of the JDK's
         * default trust store).
         *
         * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
         */
        public Builder caCertificate(java.nio.file.Path pem) {
            this.sslContext = Optional.of(TrustedCertificates.sslContext(Objects.requireNonNull(pem, "caCertificate")));
            return this;
        }

        /** The client (it owns a watchdog thread, and a thread per request in flight, until closed). */
        public BackendClient build() {
            return new BackendClient(this);
        }
    }
}

package io.chimeraforge.planner.workload;

import io.chimeraforge.core.Compat;
import io.chimeraforge.planner.workload.internal.LogProfile;
import io.chimeraforge.planner.workload.internal.LogScan;
import io.chimeraforge.planner.workload.internal.MetricsProfile;
import io.chimeraforge.planner.workload.internal.PrometheusText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.chimeraforge.planner.internal.CappedBody;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Derives {@link WorkloadProfile}s from what a serving deployment already records: a JSONL request
 * log (exact: rate, lengths, variance, cache hit rate) or a Prometheus scrape of vLLM or SGLang
 * (partial: a scrape has no rate).
 *
 * <pre>{@code
 * WorkloadProfile p = WorkloadProfiler.builder().build().fromLog(Path.of("requests.jsonl"));
 * p.planInputs().requestRate().ifPresent(rate -> log.info("measured {} req/s", rate));
 * }</pre>
 *
 * <p>Logs are read in one streaming pass: memory grows by one double per timestamped request and
 * one line, so a multi-gigabyte log is fine; a single line longer than {@link Builder#maxLineChars}
 * is refused (a file without line breaks is not a request log). Immutable and thread-safe.
 */
public final class WorkloadProfiler {

    /** Default longest accepted log line: 1 MiB of characters. */
    public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;
    /** Default largest accepted metrics text: 64 MiB (a vLLM scrape is tens of kilobytes). */
    public static final int DEFAULT_MAX_METRICS_BYTES = 64 << 20;
    /** Default time allowed for a metrics scrape: 10 s. */
    public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);

    private final Compat compat;
    private final Clock clock;
    private final MetricNames metricNames;
    private final int maxLineChars;
    private final int maxMetricsBytes;
    private final Duration scrapeTimeout;

    private WorkloadProfiler(Builder b) {
        this.compat = b.compat;
        this.clock = b.clock;
        this.metricNames = b.metricNames;
        this.maxLineChars = b.maxLineChars;
        this.maxMetricsBytes = b.maxMetricsBytes;
        this.scrapeTimeout = b.scrapeTimeout;
    }

    /** A builder with the defaults: corrected behaviour, UTC system clock, bundled metric names. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Profiles a JSONL request log, one request per line. The profile's source is {@code log} as
     * given and its engine {@code unknown}.
     *
     * @throws WorkloadException when the log is missing, unreadable, not UTF-8, has no JSON object
     *                           line, or has a line over the length limit
     */
    public WorkloadProfile fromLog(Path log) {
        return fromLog(log, "unknown");
    }

    /** As {@link #fromLog(Path)}, recording {@code engine} as the profile's engine. */
    public WorkloadProfile fromLog(Path log, String engine) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(engine, "engine");
        try (InputStream in = Files.newInputStream(log)) {
            return fromLog(in, log.toString(), engine);
        } catch (NoSuchFileException e) {
            throw new WorkloadException("request log not found: " + log);
        } catch (IOException e) {
            throw new WorkloadException("cannot read request log " + log + ": " + e.getMessage(), e);
        }
    }

    /**
     * Profiles a JSONL request log read from {@code in} (UTF-8), which is not closed.
     *
     * @param source what to call the log in the profile and in messages
     * @param engine the serving engine to record
     */
    public WorkloadProfile fromLog(InputStream in, String source, String engine) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engine, "engine");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        LogScan scan = new LogScan();
        try {
            scan.read(reader, maxLineChars);
        } catch (LogScan.LineTooLong e) {
            throw new WorkloadException("line " + e.lineNumber + " of " + source + " is longer than " + maxLineChars
                    + " characters: a request log has one JSON object per line");
        } catch (CharacterCodingException e) {
            throw new WorkloadException(source + " is not UTF-8 text: a request log has one JSON object per line", e);
        } catch (IOException e) {
            throw new WorkloadException("cannot read request log " + source + ": " + e.getMessage(), e);
        }
        if (scan.rows == 0) {
            throw new WorkloadException("no JSON objects found in " + source
                    + ": expected JSONL, one request per line");
        }
        return LogProfile.assemble(scan, start(source, engine, "unknown"), compat);
    }

    /**
     * Profiles one Prometheus scrape of {@code engine} (a name in the metric-name table:
     * {@code vllm} or {@code sglang} by default).
     *
     * @param text          the scrape in the Prometheus text format
     * @param engine        the serving engine that exposed it
     * @param source        what to call it in the profile and in messages
     * @param engineVersion the engine's version, recorded as given
     * @throws WorkloadException for an unknown engine, a text with no samples, or one with no
     *                           metric of that engine
     */
    public WorkloadProfile fromMetrics(String text, String engine, String source, String engineVersion) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engineVersion, "engineVersion");
        EngineMetrics metrics = engineMetrics(engine);
        return MetricsProfile.assemble(PrometheusText.parse(text), metrics, source,
                start(source, engine, engineVersion));
    }

    /**
     * Profiles a scrape saved to {@code file}.
     *
     * @throws WorkloadException when the file is missing, unreadable, larger than the limit, or as
     *                           {@link #fromMetrics(String, String, String, String)}
     */
    public WorkloadProfile fromMetrics(Path file, String engine, String engineVersion) {
        Objects.requireNonNull(file, "file");
        engineMetrics(engine);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxMetricsBytes + 1);
        } catch (NoSuchFileException e) {
            throw new WorkloadException("metrics file not found: " + file);
        } catch (IOException e) {
            throw new WorkloadException("cannot read metrics file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > maxMetricsBytes) {
            throw new WorkloadException("metrics file " + file + " is larger than " + maxMetricsBytes
                    + " bytes: not a Prometheus scrape");
        }
        return fromMetrics(new String(bytes, StandardCharsets.UTF_8), engine, file.toString(), engineVersion);
    }

    /**
     * Scrapes {@code url} (an engine's {@code /metrics}) over HTTP/1.1 and profiles the result.
     *
     * @throws WorkloadException "could not scrape URL: …" when the request fails, times out,
     *                           answers other than 200, or sends more than the size limit; otherwise
     *                           as {@link #fromMetrics(String, String, String, String)}
     */
    public WorkloadProfile scrape(URI url, String engine, String engineVersion) {
        Objects.requireNonNull(url, "url");
        engineMetrics(engine);
        String text = fetch(url);
        return fromMetrics(text, engine, url.toString(), engineVersion);
    }

    private String fetch(URI url) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(scrapeTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).timeout(scrapeTimeout).GET().build();
        } catch (IllegalArgumentException e) {
            throw new WorkloadException("could not scrape " + url + ": " + e.getMessage(), e);
        }
        // one deadline for the whole exchange, body included: a server trickling bytes cannot hold us
        var pending = client.sendAsync(request, info -> CappedBody.subscriber(info.statusCode(), maxMetricsBytes));
        try {
            HttpResponse<byte[]> response = pending.get(scrapeTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new WorkloadException("could not scrape " + url + ": HTTP " + response.statusCode());
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new WorkloadException("could not scrape " + url + ": no complete answer within "
                    + scrapeTimeout.toMillis() + " ms", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WorkloadException("could not scrape " + url + ": " + describe(cause), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new WorkloadException("could not scrape " + url + ": interrupted", e);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof CappedBody.TooLarge) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private EngineMetrics engineMetrics(String engine) {
        Objects.requireNonNull(engine, "engine");
        return metricNames.engine(engine).orElseThrow(() -> new WorkloadException("unknown engine '" + engine
                + "': metric names differ per engine and per version, and guessing one fabricates a measurement."
                + " Known engines: " + String.join(", ", metricNames.engineNames())));
    }

    private WorkloadProfile.Builder start(String source, String engine, String engineVersion) {
        return WorkloadProfile.builder().capturedAt(clock.instant()).source(source).engine(engine)
                .engineVersion(engineVersion);
    }

    /** Settings of a {@link WorkloadProfiler}. */
    public static final class Builder {
        private Compat compat = Compat.defaults();
        private Clock clock = Clock.systemUTC();
        private MetricNames metricNames = MetricNames.bundled();
        private int maxLineChars = DEFAULT_MAX_LINE_CHARS;
        private int maxMetricsBytes = DEFAULT_MAX_METRICS_BYTES;
        private Duration scrapeTimeout = DEFAULT_SCRAPE_TIMEOUT;

        private Builder() {
        }

        /**
         * Which behaviour to reproduce. {@link Compat#CORRECTED} (default): a log's
         * {@code workload_cv2} is the decode-length CV² and the inter-arrival CV² is reported as
         * {@code arrival_cv2}; {@link Compat#REFERENCE}: v0.30.0's inter-arrival CV² as
         * {@code workload_cv2}.
         */
        public Builder compat(Compat value) {
            compat = Objects.requireNonNull(value, "compat");
            return this;
        }

        /** The clock that stamps {@code captured_at}. Default: the system clock in UTC. */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The engines and metric names scrapes are read with. Default {@link MetricNames#bundled()}. */
        public Builder metricNames(MetricNames value) {
            metricNames = Objects.requireNonNull(value, "metricNames");
            return this;
        }

        /** The longest log line accepted, 1..2^30 characters. Default {@value #DEFAULT_MAX_LINE_CHARS}. */
        public Builder maxLineChars(int value) {
            if (value < 1 || value > (1 << 30)) {
                throw new IllegalArgumentException("maxLineChars must be 1..1073741824, got " + value);
            }
            maxLineChars = value;
            return this;
        }

        /** The largest metrics text accepted, 1..2^30 bytes. Default {@value #DEFAULT_MAX_METRICS_BYTES}. */
        public Builder maxMetricsBytes(int value) {
            if (value < 1 || value > (1 << 30)) {
                throw new IllegalArgumentException("maxMetricsBytes must be 1..1073741824, got " + value);
            }
            maxMetricsBytes = value;
            return this;
        }

        /** The time a scrape may take (connect and response), 1 ms..1 h. Default 10 s. */
        public Builder scrapeTimeout(Duration value) {
            Objects.requireNonNull(value, "scrapeTimeout");
            if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("scrapeTimeout must be 1 ms..1 h, got " + value);
            }
            scrapeTimeout = value;
            return this;
        }

        /** The profiler. */
        public WorkloadProfiler build() {
            return new WorkloadProfiler(this);
        }
    }
}

package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opens a 6-configuration HTML report (with a concurrency sweep and predictions) in headless
 * Chromium with networking off and checks: no console message (SVG attribute errors, CSP
 * violations and script errors all land there), no network request, and every chart's SVG laid
 * out with a non-zero bounding box. Saves a screenshot to
 * {@code target/browser-test/report-6-configurations.png}.
 *
 * <p>Two runs: the product page as written ({@code --screenshot}; console read from Chromium's
 * log), and a test copy with a probe script (allowed by a nonce added to the copy's CSP only)
 * that writes the bounding boxes, errors and resource loads into the DOM for {@code --dump-dom}.
 *
 * <p>Needs Debian's {@code chromium} ({@code /usr/bin/chromium}, or {@code CHROMIUM_BIN}). Without
 * one the test is skipped, except under {@code CI=true}, where it fails (CI installs it).
 */
@Tag("browser")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ReportBrowserTest {

    private static final long PROCESS_TIMEOUT_S = 120;
    private static final String PRODUCT_CSP = "content=\"default-src 'none'; style-src 'unsafe-inline'\"";
    private static final String PROBE = "<script nonce=\"probe\">(function(){var errors=[];"
            + "window.addEventListener('error',function(e){errors.push('error: '+(e.message||(e.target&&e.target.tagName)));},true);"
            + "document.addEventListener('securitypolicyviolation',function(e){errors.push('csp: '+e.violatedDirective+' '+e.blockedURI);});"
            + "var ce=console.error;console.error=function(){errors.push('console.error: '+Array.prototype.join.call(arguments,' '));"
            + "return ce.apply(console,arguments);};"
            + "window.addEventListener('load',function(){var charts=[];document.querySelectorAll('svg').forEach(function(s){"
            + "var r=s.getBoundingClientRect();charts.push({id:s.id,width:r.width,height:r.height});});"
            + "var res=performance.getEntriesByType('resource').map(function(e){return e.name;});"
            + "var out=document.createElement('pre');out.id='probe-result';"
            + "out.textContent=JSON.stringify({charts:charts,errors:errors,resources:res});document.body.appendChild(out);});"
            + "})();</script>\n";

    /** The Chromium binary: {@code CHROMIUM_BIN}, else the usual install paths, else {@code chromium} on the PATH. */
    static Optional<Path> chromium() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("CHROMIUM_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
                "/usr/bin/google-chrome-stable")) {
            candidates.add(Path.of(p));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "chromium"));
                }
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    @Test
    void sixConfigurationReportRendersWithoutErrorsOrNetworkAndEveryChartHasABox() throws Exception {
        Optional<Path> binary = chromium();
        if (binary.isEmpty()) {
            String why = "no Chromium binary (looked for $CHROMIUM_BIN, /usr/bin/chromium and chromium on the PATH);"
                    + " install Debian's package: apt-get install -y chromium";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + why);
            }
            Assumptions.abort("skipped: " + why);
        }
        Path dir = Path.of("target", "browser-test").toAbsolutePath();
        Files.createDirectories(dir);
        String html = Report.builder().resultNodes(List.copyOf(ChartFixtures.sixConfigurations()))
                .predictions(ChartFixtures.predictions()).title("ChimeraForge Benchmark Report: 6 configurations")
                .build().html();
        List<String> expectedCharts = Jsoup.parse(html).select("svg").eachAttr("id");
        assertThat(expectedCharts).containsExactly("chart-ttft-cdf", "chart-latency", "chart-sweep-concurrency",
                "chart-predicted");
        Path page = dir.resolve("report-6-configurations.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        assertThat(html).contains(PRODUCT_CSP);
        String probed = html.replace(PRODUCT_CSP, "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "script-src 'nonce-probe'\"").replaceFirst("(<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n)",
                        "$1" + java.util.regex.Matcher.quoteReplacement(PROBE));
        assertThat(probed).contains("<script nonce=\"probe\">");
        Path probePage = dir.resolve("report-probe.html");
        Files.writeString(probePage, probed, StandardCharsets.UTF_8);

        // 1. The product page: screenshot; Chromium logs every console message (level, text, source).
        Path screenshot = dir.resolve("report-6-configurations.png");
        Files.deleteIfExists(screenshot);
        Run shot = run(binary.get(), dir, "shot", List.of("--screenshot=" + screenshot, "--window-size=1280,2400",
                "--hide-scrollbars"), page);
        assertThat(shot.console()).as("console messages of the product page").isEmpty();
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).isGreaterThan(1000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

        // 2. The probe copy: bounding boxes, script/CSP errors and resource loads written into the DOM.
        Run dump = run(binary.get(), dir, "dump", List.of("--dump-dom", "--window-size=1280,2400"), probePage);
        assertThat(dump.console()).as("console messages of the probe page").isEmpty();
        String result = Jsoup.parse(dump.stdout()).select("#probe-result").text();
        assertThat(result).as("probe result in the dumped DOM").isNotBlank();
        JsonNode probe = ChartFixtures.MAPPER.readTree(result);
        assertThat(probe.path("errors")).as("errors seen by the page").isEmpty();
        assertThat(probe.path("resources")).as("resources loaded (network requests)").isEmpty();
        List<String> seen = new ArrayList<>();
        for (JsonNode chart : probe.path("charts")) {
            seen.add(chart.path("id").asText());
            assertThat(chart.path("width").asDouble()).as(chart.path("id").asText() + " width").isPositive();
            assertThat(chart.path("height").asDouble()).as(chart.path("id").asText() + " height").isPositive();
        }
        assertThat(seen).containsExactlyElementsOf(expectedCharts);
    }

    /** One Chromium run's output: stdout, and the console lines of its log. */
    record Run(String stdout, List<String> console) {
    }

    /** Runs headless Chromium on {@code page} with networking off, bounded by {@link #PROCESS_TIMEOUT_S}. */
    private static Run run(Path binary, Path dir, String name, List<String> extra, Path page)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile-" + name);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile));
        command.addAll(extra);
        command.add(page.toUri().toString());
        Path out = dir.resolve(name + ".stdout");
        Path err = dir.resolve(name + ".stderr");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            if (!process.waitFor(PROCESS_TIMEOUT_S, TimeUnit.SECONDS)) {
                fail("chromium (" + name + ") did not finish in " + PROCESS_TIMEOUT_S + " s; log: " + err);
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("chromium exit code (" + name + "); log: " + err).isZero();
        List<String> console;
        try (Stream<String> lines = Files.lines(err, StandardCharsets.UTF_8)) {
            console = lines.filter(l -> l.contains(":CONSOLE")).toList();
        }
        deleteTree(profile);
        return new Run(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A profile left behind under target/ is harmless; Chromium may still hold a lock file.
        }
    }
}

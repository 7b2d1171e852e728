package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.quant.Backend;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link BenchConfig}: an immutable class built only through its validating builder. */
class BenchConfigTest {

    @Test
    void isAFinalClassWithoutPublicConstructors() {
        assertThat(BenchConfig.class.isRecord()).isFalse();
        assertThat(Modifier.isFinal(BenchConfig.class.getModifiers())).isTrue();
        assertThat(Arrays.stream(BenchConfig.class.getDeclaredConstructors()).noneMatch(c -> Modifier.isPublic(c.getModifiers())))
                .isTrue();
    }

    @Test
    void toBuilderRoundTripsEverySetting() {
        BenchConfig config = BenchConfig.builder().model("m").backend(Backend.VLLM).baseUrl("http://h:8000")
                .workload(Workload.SERVER).rate(3.0).runs(7).duration(Duration.ofSeconds(9)).seed(5)
                .header("Authorization", "Bearer x").timelineLimit(12).build();
        assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
        BenchConfig changed = config.toBuilder().runs(8).build();
        assertThat(changed.runs()).isEqualTo(8);
        assertThat(changed.rates()).containsExactly(3.0);
        assertThat(changed).isNotEqualTo(config);
        assertThat(config.timelineLimit()).isEqualTo(12);
    }

    @Test
    void outOfRangeValuesNameTheSdkParameterTheValueAndTheRange() {
        assertThatThrownBy(() -> BenchConfig.builder().runs(Integer.MAX_VALUE))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("runs");
                    assertThat(e.value()).isEqualTo("2147483647");
                    assertThat(e.allowed()).isEqualTo("in [1, 10000000]");
                })
                .hasMessage("runs must be in [1, 10000000], got 2147483647");
        assertThatThrownBy(() -> BenchConfig.builder().warmupRequests(-1)).hasMessage("warmupRequests must be in [0, 10000], got -1");
        assertThatThrownBy(() -> BenchConfig.builder().rate(0)).hasMessage("rate must be in (0, 1000000] requests/s, got 0.0");
        assertThatThrownBy(() -> BenchConfig.builder().idleTimeout(Duration.ofDays(2)))
                .hasMessage("idleTimeout must be in [0.001 s, 86400 s], got 172800 s");
        // Library messages never name CLI flags.
        assertThatThrownBy(() -> BenchConfig.builder().contextLengths(java.util.List.of(0)))
                .hasMessageNotContaining("--");
    }

    @Test
    void aBaseUrlPortOutOfRangeIsRefusedAtBuildTimeNotAtConnect() {
        assertThatThrownBy(() -> BenchConfig.builder().baseUrl("http://localhost:99999"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("port in 1..65535").hasMessageEndingWith("got http://localhost:99999");
    }

    @Test
    void passwordsInBaseUrlsAreRedactedInMessagesToStringAndRecordedUrls() {
        assertThatThrownBy(() -> BenchConfig.builder().baseUrl("http://u:hunter2@localhost:99999"))
                .hasMessageNotContaining("hunter2").hasMessageContaining("http://u:***@localhost:99999");
        BenchConfig config = BenchConfig.builder().model("m").baseUrl("http://u:hunter2@host:1").header("X-Key", "s3cret").build();
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("s3cret").contains("http://u:***@host:1");
        assertThat(config.redactedBaseUrls()).containsExactly("http://u:***@host:1");
        assertThat(config.effectiveBaseUrls().get(0).toString()).isEqualTo("http://u:hunter2@host:1");
    }

    @Test
    void oneBackendEnumSglangIsRefusedWithTheWayToBenchmarkIt() {
        assertThatThrownBy(() -> BenchConfig.builder().backend(Backend.SGLANG))
                .hasMessageContaining("use vllm");
        @SuppressWarnings("deprecation")
        BenchConfig viaOld = BenchConfig.builder().model("m").backend(io.chimeraforge.bench.Backend.TGI).build();
        assertThat(viaOld.backend()).isEqualTo(Backend.TGI);
        assertThat(viaOld.effectiveBaseUrls().get(0).toString()).isEqualTo("http://localhost:8080");
    }

    @Test
    void nullsAreRefusedTheSameWayEverywhere() {
        assertThatThrownBy(() -> BenchConfig.builder().workload(null)).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> BenchConfig.builder().outputFile(null)).isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> BenchConfig.builder().backend((Backend) null)).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void theRequestLogIsOnByDefault() {
        assertThat(BenchConfig.builder().model("m").build().writeRequestLog()).isTrue();
    }
}

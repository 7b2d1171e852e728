package io.chimeraforge.core.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Labelling a measurement with a catalog GPU: {@link GpuCatalog#requireSingle} and {@link GpuCatalog#identify}. */
class GpuLabelTest {

    private final GpuCatalog catalog = GpuCatalog.bundled();

    @Test
    void aFullNameInAnyCaseIsItsCanonicalRow() {
        assertThat(catalog.requireSingle("RTX 4090 24GB").name()).isEqualTo("RTX 4090 24GB");
        assertThat(catalog.requireSingle("  rtx 4090 24gb ").name()).isEqualTo("RTX 4090 24GB");
    }

    @Test
    void aPartialNameFittingOneRowResolves() {
        assertThat(catalog.requireSingle("4090").name()).isEqualTo("RTX 4090 24GB");
        assertThat(catalog.requireSingle("H100").name()).isEqualTo("H100 80GB");
    }

    @Test
    void aPartialNameFittingSeveralSizesIsRefusedWithTheCandidatesThoughPlanningAcceptsIt() {
        assertThat(catalog.match("A100").gpu().name()).isEqualTo("A100 40GB");
        assertThatThrownBy(() -> catalog.requireSingle("A100"))
                .isInstanceOfSatisfying(AmbiguousGpuException.class,
                        e -> assertThat(e.candidates()).containsExactly("A100 40GB", "A100 80GB"))
                .hasMessageContaining("A100 40GB, A100 80GB");
    }

    @Test
    void anUnknownNameIsRefusedListingTheCatalog() {
        assertThatThrownBy(() -> catalog.requireSingle("Voodoo 5"))
                .isInstanceOf(UnknownGpuException.class)
                .hasMessageContaining("'Voodoo 5'")
                .hasMessageContaining("Known GPUs: A100 40GB, A100 80GB");
        assertThatThrownBy(() -> catalog.requireSingle(" ")).isInstanceOf(UnknownGpuException.class);
    }

    @ParameterizedTest(name = "{0} ({1} GiB) -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "NVIDIA GeForce RTX 4090             | 23.99 | RTX 4090 24GB",
        "NVIDIA GeForce RTX 4090             | -     | RTX 4090 24GB",
        "NVIDIA GeForce RTX 4080 Laptop GPU  | 11.99 | RTX 4080 12GB",
        "NVIDIA GeForce RTX 4080             | 15.99 | RTX 4080 16GB",
        "NVIDIA GeForce RTX 4060 Ti          | 15.99 | RTX 4060 Ti 16GB",
        "NVIDIA GeForce RTX 4060 Ti          | 7.99  | RTX 4060 Ti 8GB",
        "NVIDIA GeForce RTX 4060             | 7.99  | RTX 4060 8GB",
        "NVIDIA A100-SXM4-80GB               | 80    | A100 80GB",
        "NVIDIA A100-SXM4-80GB               | -     | A100 80GB",
        "NVIDIA A100-PCIE-40GB               | 40    | A100 40GB",
        "NVIDIA H100 80GB HBM3               | 79.65 | H100 80GB",
        "NVIDIA L4                           | 22.49 | L4 24GB",
        "Tesla T4                            | 15    | T4 16GB",
    })
    void aDriverDeviceNameIdentifiesOneRow(String device, Double memoryGib, String expected) {
        OptionalDouble memory = memoryGib == null ? OptionalDouble.empty() : OptionalDouble.of(memoryGib);
        assertThat(catalog.identify(device, memory)).map(Gpu::name).contains(expected);
    }

    @ParameterizedTest(name = "{0} ({1} GiB) -> nothing")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "NVIDIA GeForce RTX 4080             | -     ",  // 12 GB or 16 GB: no way to tell
        "NVIDIA GeForce RTX 4090 Laptop GPU  | 15.99 ",  // a different card than the 24 GB desktop one
        "NVIDIA RTX A6000                    | 47.99 ",  // not in the catalog
        "NVIDIA L40S                         | 44.99 ",  // L4 is a whole word, not a prefix
        "NVIDIA A100-PCIE                    | -     ",
        "                                    | -     ",
    })
    void anUncertainDeviceIdentifiesNothing(String device, Double memoryGib) {
        OptionalDouble memory = memoryGib == null ? OptionalDouble.empty() : OptionalDouble.of(memoryGib);
        assertThat(catalog.identify(device == null ? "" : device, memory)).isEmpty();
    }
}

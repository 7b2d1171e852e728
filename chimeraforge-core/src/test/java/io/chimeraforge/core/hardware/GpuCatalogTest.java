package io.chimeraforge.core.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.Compat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled GPU catalog and the reference's name matching (spec section 3; section 8 items 2, 4-7). */
class GpuCatalogTest {

    /** v0.30.0's table (pinned below row by row); the corrected table differs in one row. */
    private final GpuCatalog catalog = GpuCatalog.bundled(Compat.REFERENCE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // name | VRAM | BW | $/hr | $/month | TFLOPS | TDP | interconnect | FP8 | BW ratio
        "RTX 4060 8GB     | 8   | 272  | 0.020 | 14.40   | 30.2   | 115  | 64   | true  | 0.4892",
        "RTX 4060 Ti 8GB  | 8   | 288  | 0.025 | 18.00   | 44.1   | 160  | 64   | true  | 0.5180",
        "RTX 4060 Ti 16GB | 16  | 288  | 0.030 | 21.60   | 44.1   | 165  | 64   | true  | 0.5180",
        "RTX 4070 12GB    | 12  | 504  | 0.030 | 21.60   | 58.4   | 200  | 64   | true  | 0.9065",
        "RTX 4070 Ti 12GB | 12  | 504  | 0.035 | 25.20   | 80.2   | 285  | 64   | true  | 0.9065",
        "RTX 4080 12GB    | 12  | 556  | 0.035 | 25.20   | 80.2   | 285  | 64   | true  | 1.0000",
        "RTX 4080 16GB    | 16  | 717  | 0.045 | 32.40   | 97.5   | 320  | 64   | true  | 1.2896",
        "RTX 4090 24GB    | 24  | 1008 | 0.060 | 43.20   | 165.2  | 450  | 64   | true  | 1.8129",
        "RTX 5070 12GB    | 12  | 672  | 0.030 | 21.60   | 61.7   | 250  | 128  | true  | 1.2086",
        "RTX 5070 Ti 16GB | 16  | 896  | 0.038 | 27.36   | 87.9   | 300  | 128  | true  | 1.6115",
        "RTX 5080 16GB    | 16  | 960  | 0.045 | 32.40   | 112.6  | 360  | 128  | true  | 1.7266",
        "RTX 5090 32GB    | 32  | 1792 | 0.075 | 54.00   | 209.5  | 575  | 128  | true  | 3.2230",
        "RTX 3090 24GB    | 24  | 936  | 0.040 | 28.80   | 71.0   | 350  | 64   | false | 1.6835",
        "RTX 3080 10GB    | 10  | 760  | 0.025 | 18.00   | 59.5   | 320  | 64   | false | 1.3669",
        "A100 40GB        | 40  | 1555 | 1.10  | 792.00  | 312.0  | 400  | 600  | false | 2.7968",
        "A100 80GB        | 80  | 2039 | 1.60  | 1152.00 | 312.0  | 400  | 600  | false | 3.6673",
        "H100 80GB        | 80  | 3352 | 2.50  | 1800.00 | 989.0  | 700  | 900  | true  | 6.0288",
        "H200 141GB       | 141 | 4800 | 3.50  | 2520.00 | 989.0  | 700  | 900  | true  | 8.6331",
        "B200 180GB       | 180 | 7700 | 5.50  | 3960.00 | 2250.0 | 1000 | 1800 | true  | 13.8489",
        "L4 24GB          | 24  | 300  | 0.50  | 360.00  | 121.0  | 72   | 64   | true  | 0.5396",
        "T4 16GB          | 16  | 320  | 0.35  | 252.00  | 65.0   | 70   | 64   | false | 0.5755",
        "MI300X 192GB     | 192 | 5300 | 2.00  | 1440.00 | 1307.0 | 750  | 896  | true  | 9.5324",
    })
    void everyRowMatchesTheReferenceTable(String name, double vram, double bw, double perHour, double perMonth,
                                          double tflops, double tdp, double interconnect, boolean fp8, double ratio) {
        Gpu gpu = catalog.find(name).orElseThrow();
        assertThat(gpu.name()).isEqualTo(name);
        assertThat(gpu.vramGb()).isEqualTo(vram);
        assertThat(gpu.bandwidthGbps()).isEqualTo(bw);
        assertThat(gpu.costPerHourUsd()).isEqualTo(perHour);
        assertThat(gpu.costPerMonthUsd()).isCloseTo(perMonth, within(1e-9));
        assertThat(gpu.fp16Tflops()).isEqualTo(tflops);
        assertThat(gpu.tdpWatts()).isEqualTo(tdp);
        assertThat(gpu.interconnectGbps()).isEqualTo(interconnect);
        assertThat(gpu.fp8Supported()).isEqualTo(fp8);
        assertThat(catalog.bandwidthRatio(name)).isCloseTo(ratio, within(0.00005));
    }

    @Test
    void catalogHoldsTwentyTwoPositiveRowsInReferenceOrder() {
        List<Gpu> all = catalog.all();
        assertThat(all).hasSize(22);
        assertThat(all).extracting(Gpu::name).doesNotHaveDuplicates()
                .startsWith("RTX 4060 8GB", "RTX 4060 Ti 8GB", "RTX 4060 Ti 16GB")
                .endsWith("L4 24GB", "T4 16GB", "MI300X 192GB");
        for (Gpu gpu : all) {
            assertThat(gpu.vramGb()).as(gpu.name()).isPositive();
            assertThat(gpu.bandwidthGbps()).as(gpu.name()).isPositive();
            assertThat(gpu.costPerHourUsd()).as(gpu.name()).isPositive();
            assertThat(gpu.tdpWatts()).as(gpu.name()).isPositive();
            assertThat(gpu.interconnectGbps()).as(gpu.name()).isPositive();
            assertThat(gpu.fp16Tflops()).as(gpu.name()).isPositive();
            // key == name: exact (case-insensitive) lookup returns the row itself
            assertThat(catalog.find(gpu.name())).contains(gpu);
        }
    }

    @Test
    void sortedByNameAndKnownNamesAreAlphabetical() {
        List<String> names = catalog.sortedByName().stream().map(Gpu::name).toList();
        assertThat(names).isSorted().hasSize(22);
        assertThat(catalog.knownNames()).isEqualTo(String.join(", ", names));
        assertThat(catalog.knownNames()).startsWith("A100 40GB, A100 80GB, B200 180GB, H100 80GB");
    }

    @Test
    void fp8Capability() {
        for (String name : List.of("H100", "H200", "B200", "RTX 4090", "L4", "RTX 5090", "MI300X")) {
            assertThat(catalog.require(name).fp8Supported()).as(name).isTrue();
        }
        for (String name : List.of("A100 40GB", "A100 80GB", "T4", "RTX 3090", "RTX 3080")) {
            assertThat(catalog.require(name).fp8Supported()).as(name).isFalse();
        }
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "rtx 4090 24gb                | RTX 4090 24GB",
        "NVIDIA GeForce RTX 4090 24GB | RTX 4090 24GB",
        "4080                         | RTX 4080 12GB",
        "4080 16gb                    | RTX 4080 16GB",
        "4080 12GB                    | RTX 4080 12GB",
        "5070                         | RTX 5070 12GB",
        "5070 Ti                      | RTX 5070 Ti 16GB",
        "4060 Ti                      | RTX 4060 Ti 8GB",
        "A100                         | A100 40GB",
        "H100                         | H100 80GB",
        "B200                         | B200 180GB",
        "MI300X                       | MI300X 192GB",
        "L4                           | L4 24GB",
        "T4                           | T4 16GB",
        "H200                         | H200 141GB",
        "GB                           | RTX 4060 8GB",
        "4                            | RTX 4060 8GB",
    })
    void fuzzyMatchingResolvesAsTheReferenceDoes(String query, String expected) {
        assertThat(catalog.find(query)).map(Gpu::name).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void blankQueriesMatchTheFirstRowAtLibraryLevel(String query) {
        // spec 9.3 #1: the substring rule makes "" and " " match the first DB row
        assertThat(catalog.find(query)).map(Gpu::name).contains("RTX 4060 8GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"H100 SXM", "AMD RX 7900 XTX", "RTX 9999", "RTX 9999 imaginary"})
    void unknownNamesMatchNothing(String query) {
        assertThat(catalog.find(query)).isEmpty();
    }

    @Test
    void nullQueryMatchesNothing() {
        assertThat(catalog.find(null)).isEqualTo(Optional.empty());
    }

    @Test
    void requireNamesTheKnownGpusWhenNothingMatches() {
        assertThatThrownBy(() -> catalog.require("RTX 9999 48GB"))
                .isInstanceOf(UnknownGpuException.class)
                .hasMessage("'RTX 9999 48GB' is not in the hardware DB, so there is nothing to plan against. Known GPUs: "
                        + catalog.knownNames() + ".")
                .satisfies(e -> assertThat(((UnknownGpuException) e).query()).isEqualTo("RTX 9999 48GB"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "GB => RTX 4060 8GB, RTX 4060 Ti 8GB, RTX 4060 Ti 16GB, RTX 4070 12GB, RTX 4070 Ti 12GB, RTX 4080 12GB,"
            + " RTX 4080 16GB, RTX 4090 24GB, RTX 5070 12GB, RTX 5070 Ti 16GB, RTX 5080 16GB, RTX 5090 32GB,"
            + " RTX 3090 24GB, RTX 3080 10GB, A100 40GB, A100 80GB, H100 80GB, H200 141GB, B200 180GB, L4 24GB,"
            + " T4 16GB, MI300X 192GB",
        "80GB => A100 80GB, H100 80GB, B200 180GB",
        "5070 => RTX 5070 12GB, RTX 5070 Ti 16GB",
        "4060 => RTX 4060 8GB, RTX 4060 Ti 8GB, RTX 4060 Ti 16GB",
    })
    void ambiguousFragmentsAreRefusedListingTheCandidates(String query, String candidates) {
        // issue 10 item 18: these used to pick the first row silently
        assertThatThrownBy(() -> catalog.match(query)).isInstanceOf(AmbiguousGpuException.class)
                .hasMessage("'" + query + "' matches several GPUs: " + candidates + ". Name one of them.")
                .satisfies(e -> assertThat(((AmbiguousGpuException) e).candidates())
                        .containsExactly(candidates.split(", ")));
        assertThatThrownBy(() -> catalog.require(query)).isInstanceOf(AmbiguousGpuException.class);
    }

    @Test
    void rtxAloneIsAmbiguous() {
        assertThatThrownBy(() -> catalog.match("RTX")).isInstanceOf(AmbiguousGpuException.class)
                .hasMessageStartingWith("'RTX' matches several GPUs: RTX 4060 8GB, ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "rtx 4090 => RTX 4090 24GB => 'rtx 4090' matched RTX 4090 24GB",
        "NVIDIA H100 80GB SXM => H100 80GB => 'NVIDIA H100 80GB SXM' matched H100 80GB",
        "H100 => H100 80GB => 'H100' matched H100 80GB",
        // one GPU model in several memory sizes: the first row, naming the others (the reference's plans rely on it)
        "A100 => A100 40GB => 'A100' matched A100 40GB (also: A100 80GB; name the GPU in full to choose)",
        "4080 => RTX 4080 12GB => '4080' matched RTX 4080 12GB (also: RTX 4080 16GB; name the GPU in full to choose)",
        "4060 Ti => RTX 4060 Ti 8GB => '4060 Ti' matched RTX 4060 Ti 8GB (also: RTX 4060 Ti 16GB; name the GPU in full to choose)",
    })
    void uniquePartialNamesResolveWithANote(String query, String expected, String note) {
        GpuCatalog.Match match = catalog.match(query);
        assertThat(match.gpu().name()).isEqualTo(expected);
        assertThat(match.note()).contains(note);
    }

    @Test
    void exactNamesResolveWithoutANoteAndBlankOrNullIsRefused() {
        assertThat(catalog.match("rtx 4080 12gb").note()).isEmpty();
        assertThat(catalog.match("RTX 4080 12GB").gpu().name()).isEqualTo("RTX 4080 12GB");
        assertThatThrownBy(() -> catalog.match(" ")).isInstanceOf(UnknownGpuException.class);
        assertThatThrownBy(() -> catalog.match(null)).isInstanceOf(NullPointerException.class).hasMessage("query");
    }

    @Test
    void bandwidthRatio() {
        assertThat(catalog.bandwidthRatio("RTX 4080 12GB")).isEqualTo(1.0);
        assertThat(catalog.bandwidthRatio("Unknown GPU")).isEqualTo(1.0);
        double b200 = catalog.bandwidthRatio("B200");
        double h100 = catalog.bandwidthRatio("H100");
        double h200 = catalog.bandwidthRatio("H200");
        assertThat(b200).isGreaterThan(h100);
        assertThat(h100).isGreaterThan(1.0);
        assertThat(h200).isGreaterThan(h100);
        assertThat(b200).isCloseTo(13.8489, within(0.00005));
    }

    @Test
    void referenceHardware() {
        assertThat(catalog.isReference("RTX 4080 12GB")).isTrue();
        assertThat(catalog.isReference("4080 12GB")).isTrue();
        assertThat(catalog.isReference(null)).isTrue();
        assertThat(catalog.isReference("RTX 9999 imaginary")).isFalse();
        for (String name : List.of("H100 80GB", "A100 80GB", "B200 180GB", "MI300X 192GB")) {
            assertThat(catalog.isReference(name)).as(name).isFalse();
        }
        assertThat(GpuCatalog.REFERENCE_GPU_NAME).isEqualTo("RTX 4080 12GB");
    }

    /** Spec planner-corrections a1/a2: only the reference rig's bandwidth and TDP differ. */
    @Test
    void correctedCatalogDiffersInTheReferenceRowOnly() {
        GpuCatalog corrected = GpuCatalog.bundled();
        assertThat(GpuCatalog.bundled(Compat.CORRECTED)).isSameAs(corrected);
        Gpu rig = corrected.require("RTX 4080 12GB");
        assertThat(rig.bandwidthGbps()).isEqualTo(432.0);
        assertThat(rig.tdpWatts()).isEqualTo(150.0);
        Gpu old = catalog.require("RTX 4080 12GB");
        assertThat(old.bandwidthGbps()).isEqualTo(556.0);
        assertThat(old.tdpWatts()).isEqualTo(285.0);
        assertThat(new Gpu(rig.name(), rig.vramGb(), old.bandwidthGbps(), rig.costPerHourUsd(), rig.fp16Tflops(),
                old.tdpWatts(), rig.interconnectGbps(), rig.fp8Supported())).isEqualTo(old);
        List<Gpu> others = corrected.all().stream().filter(g -> !g.name().equals("RTX 4080 12GB")).toList();
        assertThat(others).isEqualTo(catalog.all().stream().filter(g -> !g.name().equals("RTX 4080 12GB")).toList());
        assertThat(corrected.all()).extracting(Gpu::name).isEqualTo(catalog.all().stream().map(Gpu::name).toList());
        assertThat(corrected.bandwidthRatio("RTX 4090 24GB")).isCloseTo(2.3333, within(0.00005));
        assertThat(corrected.bandwidthRatio("H100 80GB")).isCloseTo(7.7593, within(0.00005));
        assertThat(corrected.bandwidthRatio("RTX 4060 8GB")).isCloseTo(0.6296, within(0.00005));
    }

    @Test
    void customCatalogRefusesDuplicateNamesIgnoringCase() {
        Gpu a = new Gpu("X 1GB", 1, 1, 1, 1, 1, 1, false);
        Gpu b = new Gpu("x 1gb", 2, 2, 2, 2, 2, 2, true);
        assertThatThrownBy(() -> GpuCatalog.of(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x 1gb");
        assertThat(GpuCatalog.of(List.of(a)).find("x 1gb")).contains(a);
    }

    @Test
    void gpuRecordRefusesNegativeOrNonFiniteFigures() {
        assertThatThrownBy(() -> new Gpu("X", -1, 1, 1, 1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vramGb");
        assertThatThrownBy(() -> new Gpu("X", 1, Double.NaN, 1, 1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bandwidthGbps");
        assertThatThrownBy(() -> new Gpu("X", 1, 1, Double.POSITIVE_INFINITY, 1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("costPerHourUsd");
        assertThatThrownBy(() -> new Gpu(" ", 1, 1, 1, 1, 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }
}

package io.chimeraforge.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The GPU probe is time-bounded: a hung {@code nvidia-smi} is killed and the fields stay empty. */
class EnvironmentProbeTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHangingNvidiaSmiIsKilledAtTheLimit() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\necho $$ > " + pidFile + "\nexec sleep 600\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        EnvironmentProbe.Gpu gpu = EnvironmentProbe.gpu(fake.toString(), Duration.ofMillis(500));
        assertThat(gpu.name()).isEmpty();
        assertThat(gpu.driver()).isEmpty();
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        // Killed, not left running for its 600 s.
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aWorkingProbeReadsNameDriverAndCuda() throws Exception {
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = \"\" ]; then echo '| NVIDIA-SMI 550.54  Driver Version: 550.54  CUDA Version: 12.4 |';"
                + " else echo 'NVIDIA L4, 550.54'; fi\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        EnvironmentProbe.Gpu gpu = EnvironmentProbe.gpu(fake.toString(), Duration.ofSeconds(30));
        assertThat(gpu.name()).contains("NVIDIA L4");
        assertThat(gpu.driver()).contains("550.54");
        assertThat(gpu.cuda()).contains("12.4");
    }

    @Test
    void theProbeReadsMemorySoTheDeviceCanBeLabelled() throws Exception {
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = \"\" ]; then echo 'CUDA Version: 12.4';"
                + " else echo 'NVIDIA GeForce RTX 4080 Laptop GPU, 550.54, 12282'; fi\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        EnvironmentProbe.Gpu gpu = EnvironmentProbe.gpu(fake.toString(), Duration.ofSeconds(30));
        assertThat(gpu.memoryMib()).hasValue(12282.0);
        assertThat(gpu.catalogName(io.chimeraforge.core.hardware.GpuCatalog.bundled())).contains("RTX 4080 12GB");
    }

    @Test
    void memoryNotAvailableLeavesItUnknown() throws Exception {
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, "#!/bin/sh\necho 'NVIDIA GeForce RTX 4080, 550.54, [N/A]'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        EnvironmentProbe.Gpu gpu = EnvironmentProbe.gpu(fake.toString(), Duration.ofSeconds(30));
        assertThat(gpu.name()).contains("NVIDIA GeForce RTX 4080");
        assertThat(gpu.memoryMib()).isEmpty();
        // 12 GB or 16 GB: without the memory, no label
        assertThat(gpu.catalogName(io.chimeraforge.core.hardware.GpuCatalog.bundled())).isEmpty();
    }
}

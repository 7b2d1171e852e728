package io.chimeraforge.bench.internal;

import io.chimeraforge.core.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a result file may be written, checked before any load is sent: a new path or a regular
 * file, never a device node, FIFO, socket or directory. A symbolic link is followed to its
 * target, so the link stays and the target is replaced (atomically, from a temporary file in the
 * target's own directory). The target's directory is created if needed and must accept a new
 * file (probed by creating and deleting one).
 */
public final class OutputTarget {

    private OutputTarget() {
    }

    /**
     * The file to write for {@code path}: {@code path} itself, or the final target of a chain of
     * symbolic links.
     *
     * @throws IOException with a one-line reason when the path cannot take a result file
     */
    public static Path prepare(Path path) throws IOException {
        // The same write-through rule the atomic writer applies (links followed, non-files refused).
        Path target = AtomicFiles.resolveTarget(path.toAbsolutePath().normalize());
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".chimeraforge-probe-", ".tmp");
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new IOException("cannot create files in " + dir + ": " + AtomicFiles.reason(e), e);
        }
        return target;
    }
}

package io.chimeraforge.bench.internal;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a result file may be written, checked before any load is sent: a new path or a regular
 * file, never a device node, FIFO, socket or directory. A symbolic link is followed to its
 * target, so the link stays and the target is replaced (atomically, from a temporary file in the
 * target's own directory). The target's directory is created if needed and must accept a new
 * file (probed by creating and deleting one).
 */
public final class OutputTarget {

    /** Symbolic-link hops followed before giving up (as the kernel's ELOOP limit). */
    private static final int MAX_LINKS = 40;

    private OutputTarget() {
    }

    /**
     * The file to write for {@code path}: {@code path} itself, or the final target of a chain of
     * symbolic links.
     *
     * @throws IOException with a one-line reason when the path cannot take a result file
     */
    public static Path prepare(Path path) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops >= MAX_LINKS) {
                throw new IOException(path + " is a chain of more than " + MAX_LINKS + " symbolic links");
            }
            Path link = Files.readSymbolicLink(target);
            target = target.getParent().resolve(link).normalize();
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(describe(path, target) + " is a directory, not a file");
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(describe(path, target)
                        + " is not a regular file (a device, FIFO or socket); give a file path");
            }
        }
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".chimeraforge-probe-", ".tmp");
            Files.delete(probe);
        } catch (FileSystemException e) {
            throw new IOException("cannot create files in " + dir + ": " + reason(e), e);
        }
        return target;
    }

    private static String describe(Path given, Path target) {
        return given.toAbsolutePath().normalize().equals(target) ? given.toString() : given + " (-> " + target + ")";
    }

    private static String reason(FileSystemException e) {
        String r = e.getReason();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return e.getFile() + " exists and is not a directory";
        }
        return r != null ? r : e.getClass().getSimpleName();
    }
}

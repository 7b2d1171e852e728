package io.chimeraforge.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader sees either the old content or the new, never a part: the bytes
 * go to a temporary file beside the target, are forced to disk, and the temporary file is then
 * moved over the target. A crash or a full disk part-way leaves the old file as it was.
 *
 * <p>A symbolic link is followed: its target is replaced and the link kept. A path that exists but
 * is not a regular file (a directory, a device, a pipe) is refused rather than replaced.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code file} with {@code bytes} atomically, creating missing parent directories.
     *
     * @throws IOException when the file cannot be written; the old file is then unchanged
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} with what {@code content} writes, atomically, creating missing parent
     * directories.
     *
     * @throws IOException when the content fails or the file cannot be written; the old file is then unchanged
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = resolveTarget(file);
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            keepPermissions(target, tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A temporary file is created owner-only (0600); the file it replaces keeps its own mode, and a
     * new file gets the usual rw-r--r-- — results and reports are meant to be read by others.
     */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, mode);
    }

    /**
     * The regular file a write to {@code file} should replace: {@code file} itself, or the final
     * target of a symbolic link.
     *
     * @throws IOException when {@code file} exists and is not a regular file (or a link to one)
     */
    public static Path resolveTarget(Path file) throws IOException {
        Path target = file;
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops > 40) {
                throw new IOException(file + ": too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(target);
            Path parent = target.toAbsolutePath().getParent();
            target = parent == null ? link : parent.resolve(link);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " exists and is not a regular file; refusing to replace it");
        }
        return target;
    }

    /**
     * The one-line reason a file operation failed, for a user: "permission denied", "... exists and
     * is not a directory", the file system's own reason, else the message.
     */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException fs) {
            return fs.getFile() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

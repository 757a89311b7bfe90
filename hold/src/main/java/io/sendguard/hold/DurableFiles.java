package io.sendguard.hold;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file primitives: every new content is written to a temporary file in a staging
 * directory on the same file system, forced to disk, then renamed atomically over the target; the
 * parent directory is forced afterwards so the rename itself is durable. A kill -9 at any point
 * therefore leaves either the old or the new file, plus maybe a leftover temp that startup removes.
 * With {@code fsync=false} (tests, benchmark set-up only) the forces are skipped but renames stay atomic.
 */
final class DurableFiles {
    private final Path tmpDir;
    private final boolean fsync;

    DurableFiles(Path tmpDir, boolean fsync) {
        this.tmpDir = tmpDir;
        this.fsync = fsync;
    }

    Path newTempPath(String prefix) {
        return tmpDir.resolve(prefix + "-" + UUID.randomUUID());
    }

    /** Replaces {@code target} with {@code data} atomically and durably. */
    void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = newTempPath("w");
        try {
            writeNew(tmp, data);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        fsyncDir(target.getParent());
    }

    /** Writes a new file (must not exist) and forces it. */
    void writeNew(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync) {
                ch.force(true);
            }
        }
    }

    /** Writes a new file (must not exist) through {@code writer}, buffered, and forces it. */
    void writeNew(Path file, HoldStore.PayloadWriter writer) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
            writer.writeTo(out);
            out.flush();
            if (fsync) {
                ch.force(true);
            }
        }
    }

    /**
     * Creates {@code file} holding {@code data} unless it exists: atomically (readers see the whole content or
     * no file) and durably. Returns false, leaving the file as it was, when it already existed.
     */
    boolean createIfAbsent(Path file, byte[] data) throws IOException {
        Path tmp = newTempPath("n");
        try {
            writeNew(tmp, data);
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
        fsyncDir(file.getParent());
        return true;
    }

    /** Creates an empty marker file; returns false when it already existed. */
    boolean createMarker(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        fsyncDir(file.getParent());
        return true;
    }

    /** Creates a directory (and parents), making each newly created level durable. */
    void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        fsyncDir(dir.getParent());
    }

    /** Atomically renames a file or directory and makes the rename durable. */
    void moveAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        fsyncDir(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            fsyncDir(from.getParent());
        }
    }

    void fsyncDir(Path dir) throws IOException {
        if (!fsync) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open directories; the rename is still atomic there.
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                throw e;
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path child : ds) {
                    deleteRecursively(child);
                }
            } catch (NoSuchFileException e) {
                return;
            }
        }
        Files.deleteIfExists(path);
    }
}

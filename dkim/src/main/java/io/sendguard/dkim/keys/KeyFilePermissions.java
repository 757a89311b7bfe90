package io.sendguard.dkim.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** POSIX permission checks and settings for private key files, where the filesystem supports them. */
public final class KeyFilePermissions {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER_READ = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private KeyFilePermissions() {
    }

    /**
     * @param file a file
     * @return whether the file is readable by its group or by others; false when the filesystem
     *         has no POSIX permissions or they cannot be read
     */
    public static boolean isReadableByGroupOrOthers(Path file) {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().anyMatch(GROUP_OR_OTHER_READ::contains);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * @param directory a directory
     * @return whether newly created files there can get POSIX permissions
     */
    static boolean supportsPosix(Path directory) {
        return Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null;
    }
}

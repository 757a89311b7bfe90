package io.sendguard.core.content;

import java.util.Locale;
import java.util.Set;

/**
 * The media types (as Apache Tika names them) of archives: containers whose entries are files a person put
 * there (ZIP, 7z, tar, gzip, bzip2, xz, ...), as opposed to the parts of an Office document or a PDF.
 */
public final class ArchiveTypes {
    private static final Set<String> TYPES = Set.of("application/zip", "application/x-7z-compressed", "application/x-tar",
        "application/x-gtar", "application/gzip", "application/x-gzip", "application/x-bzip2", "application/x-bzip",
        "application/x-xz", "application/x-compress", "application/x-cpio", "application/x-archive", "application/x-lzma",
        "application/zstd", "application/x-lz4");

    private ArchiveTypes() {
    }

    /** True for an archive type; parameters ({@code ; version=5}) and case are ignored; false for null. */
    public static boolean isArchive(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        int semi = mediaType.indexOf(';');
        return TYPES.contains((semi >= 0 ? mediaType.substring(0, semi) : mediaType).trim().toLowerCase(Locale.ROOT));
    }
}

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

    /** Mails, whose attachments are files a person put there too. */
    private static final Set<String> MAILS = Set.of("message/rfc822", "application/vnd.ms-outlook", "application/vnd.ms-tnef");

    private ArchiveTypes() {
    }

    /**
     * True for an archive or a mail (an attached {@code .eml}, an Outlook {@code .msg}, a TNEF {@code winmail.dat}):
     * containers whose entries are files to judge one by one (type, encryption, macros); false for null.
     */
    public static boolean holdsFiles(String mediaType) {
        return isArchive(mediaType) || (mediaType != null && MAILS.contains(base(mediaType)));
    }

    /** True for an archive type; parameters ({@code ; version=5}) and case are ignored; false for null. */
    public static boolean isArchive(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        return TYPES.contains(base(mediaType));
    }

    private static String base(String mediaType) {
        int semi = mediaType.indexOf(';');
        return (semi >= 0 ? mediaType.substring(0, semi) : mediaType).trim().toLowerCase(Locale.ROOT);
    }
}

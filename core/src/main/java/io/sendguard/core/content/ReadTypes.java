package io.sendguard.core.content;

import java.util.List;
import java.util.Locale;

/**
 * The types whose text Sendguard really reads (through the Tika parser modules it bundles or its own text
 * decoding), named so that a type is read when it is one of them or a specialization of one (Tika's type
 * hierarchy: {@code .docx} is an {@code application/x-tika-ooxml}, {@code text/csv} a {@code text/plain}):
 * plain text of any {@code text/*} type (CSV, TSV, HTML, XML, calendars, vCards), XML and XHTML, PDF (text layer),
 * RTF, legacy Office and other OLE2 files ({@code .doc .xls .ppt .msg}), OOXML ({@code .docx .xlsx .pptx} and their
 * macro-enabled forms), OpenDocument, attached mails ({@code message/rfc822}, Outlook {@code .msg}, TNEF
 * {@code winmail.dat}), and the archives of {@link ArchiveTypes} (ZIP, 7z, tar, gzip, bzip2, xz, ...), whose
 * files are read one by one.
 *
 * <p>Everything else is not read: other archive formats (LZH / LHA, ARJ, CAB, RAR), images, audio, video,
 * unknown binary data ({@code application/octet-stream}), executables. A file of such a type may carry anything,
 * so the attachment policy holds it for review unless it is configured to pass unread.
 */
public final class ReadTypes {
    /** The roots of the read types; a type is read when it is one of them or a specialization of one. */
    static final List<String> ROOTS = List.of("text/plain", "application/xml", "application/xhtml+xml",
        "application/pdf", "application/rtf", "application/x-tika-msoffice", "application/x-tika-ooxml",
        "message/rfc822", "application/vnd.ms-outlook", "application/vnd.ms-tnef");
    /** Families named by a prefix: every OpenDocument type (text, spreadsheet, presentation, ...). */
    static final String OPEN_DOCUMENT = "application/vnd.oasis.opendocument.";

    private ReadTypes() {
    }

    /** True when Sendguard reads the text of files of {@code trueType} (a type as the detector names it). */
    public static boolean isRead(AttachmentTypeDetector detector, String trueType) {
        if (trueType == null) {
            return false;
        }
        String type = trueType.toLowerCase(Locale.ROOT);
        if (type.startsWith(OPEN_DOCUMENT) || ArchiveTypes.isArchive(type)) {
            return true;
        }
        return ROOTS.stream().anyMatch(root -> detector.isA(type, root));
    }
}

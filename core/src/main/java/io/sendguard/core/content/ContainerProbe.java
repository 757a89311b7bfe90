package io.sendguard.core.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Reads the structures that tell whether an attachment is encrypted, carries macros or is a disk image,
 * straight from the bytes: the ZIP central directory (general purpose flag bit 0, AES extra field 0x9901,
 * method 99), the 7z start header and next header (encoded header with the AES coder 06F10701), the PDF
 * trailer ({@code /Encrypt}), the OLE2 directory (EncryptionInfo/EncryptedPackage of password-protected
 * OOXML, the Word FIB fEncrypted flag, the Excel FILEPASS record, the VBA storages Macros / _VBA_PROJECT_CUR
 * / VBA), the PKCS#7 envelopedData of an S/MIME-encrypted file, and disk image signatures (ISO 9660 {@code CD001}, VHD {@code conectix}, VHDX {@code vhdxfile}).
 * Plain static functions; a structure that does not parse is simply not reported.
 */
final class ContainerProbe {
    private static final byte[] SEVEN_Z = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    private static final byte[] AES_CODER = {0x06, (byte) 0xF1, 0x07, 0x01};
    private static final byte[] ENVELOPED_DATA = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x03};
    private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final Set<String> MACRO_TYPES = Set.of("application/vnd.ms-excel.sheet.macroenabled.12",
        "application/vnd.ms-word.document.macroenabled.12", "application/vnd.ms-powerpoint.presentation.macroenabled.12",
        "application/vnd.ms-excel.template.macroenabled.12", "application/vnd.ms-word.template.macroenabled.12",
        "application/vnd.ms-powerpoint.slideshow.macroenabled.12", "application/vnd.ms-excel.addin.macroenabled.12",
        "application/vnd.ms-excel.sheet.binary.macroenabled.12", "application/vnd.ms-powerpoint.template.macroenabled.12",
        "application/vnd.ms-powerpoint.addin.macroenabled.12");
    private static final Set<String> DISK_IMAGE_TYPES = Set.of("application/x-iso9660-image", "application/x-vhd",
        "application/x-vhdx", "application/x-apple-diskimage", "application/x-raw-disk-image");

    private ContainerProbe() {
    }

    static Optional<String> encryption(byte[] b) {
        if (startsWith(b, 0, new byte[] {'P', 'K', 3, 4}) || startsWith(b, 0, new byte[] {'P', 'K', 5, 6})) {
            return zipEncryption(b);
        }
        if (startsWith(b, 0, SEVEN_Z)) {
            return sevenZipEncryption(b);
        }
        if (startsWith(b, 0, "%PDF".getBytes(StandardCharsets.US_ASCII))) {
            return indexOf(b, "/Encrypt".getBytes(StandardCharsets.US_ASCII), 0) >= 0 ? Optional.of("PDF (password)") : Optional.empty();
        }
        if (startsWith(b, 0, OLE)) {
            return oleEncryption(b);
        }
        if (isPkcs7EnvelopedData(b)) {
            return Optional.of("S/MIME (encrypted)");
        }
        return Optional.empty();
    }

    /**
     * A DER PKCS#7 / CMS envelopedData (1.2.840.113549.1.7.3: an S/MIME-encrypted {@code .p7m}), which type detection
     * names {@code application/pkcs7-signature} like a mere signature: a SEQUENCE (any length form) whose first element
     * is that OID.
     */
    private static boolean isPkcs7EnvelopedData(byte[] b) {
        if (b.length < 2 || b[0] != 0x30) {
            return false;
        }
        int lengthBytes = (b[1] & 0x80) == 0 ? 0 : b[1] & 0x7F;
        return startsWith(b, 2 + lengthBytes, ENVELOPED_DATA);
    }

    static Optional<String> macros(byte[] b, String trueType) {
        if (MACRO_TYPES.contains(trueType.toLowerCase(Locale.ROOT))) {
            return Optional.of("macro-enabled Office type " + trueType);
        }
        if (startsWith(b, 0, new byte[] {'P', 'K', 3, 4}) && indexOf(b, "vbaProject.bin".getBytes(StandardCharsets.US_ASCII), 0) >= 0) {
            return Optional.of("VBA project vbaProject.bin");
        }
        if (startsWith(b, 0, OLE)) {
            try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(b))) {
                return vbaStorage(fs.getRoot(), 0).map(name -> "VBA storage " + name);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<String> diskImage(byte[] b, String trueType, String fileName) {
        if (DISK_IMAGE_TYPES.contains(trueType)) {
            return Optional.of(trueType);
        }
        if ((b.length > 0x8005 && startsWith(b, 0x8001, "CD001".getBytes(StandardCharsets.US_ASCII)))
            || (b.length > 0x9005 && startsWith(b, 0x8801, "CD001".getBytes(StandardCharsets.US_ASCII)))) {
            return Optional.of("ISO 9660");
        }
        if (startsWith(b, 0, "vhdxfile".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("VHDX");
        }
        if (b.length >= 512 && (startsWith(b, b.length - 512, "conectix".getBytes(StandardCharsets.US_ASCII))
            || startsWith(b, 0, "conectix".getBytes(StandardCharsets.US_ASCII)))) {
            return Optional.of("VHD");
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).trim();
        for (String ext : new String[] {".iso", ".img", ".vhd", ".vhdx", ".dmg"}) {
            if (name.endsWith(ext)) {
                return Optional.of("file name " + ext);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> zipEncryption(byte[] b) {
        int eocd = lastIndexOf(b, new byte[] {'P', 'K', 5, 6});
        boolean encrypted = false;
        boolean aes = false;
        if (eocd >= 0 && eocd + 22 <= b.length) {
            int entries = u16(b, eocd + 10);
            long offset = u32(b, eocd + 16);
            int p = (int) Math.min(offset, Integer.MAX_VALUE);
            for (int i = 0; i < entries && p >= 0 && p + 46 <= b.length && startsWith(b, p, new byte[] {'P', 'K', 1, 2}); i++) {
                int flags = u16(b, p + 8);
                int method = u16(b, p + 10);
                int nameLength = u16(b, p + 28);
                int extraLength = u16(b, p + 30);
                int commentLength = u16(b, p + 32);
                if ((flags & 1) != 0) {
                    encrypted = true;
                    aes |= method == 99 || hasExtra(b, p + 46 + nameLength, extraLength, 0x9901);
                }
                p += 46 + nameLength + extraLength + commentLength;
            }
        } else {
            for (int p = 0; p + 30 <= b.length; p = indexOf(b, new byte[] {'P', 'K', 3, 4}, p + 4)) {
                if (!startsWith(b, p, new byte[] {'P', 'K', 3, 4})) {
                    break;
                }
                if ((u16(b, p + 6) & 1) != 0) {
                    encrypted = true;
                    aes |= u16(b, p + 8) == 99 || hasExtra(b, p + 30 + u16(b, p + 26), u16(b, p + 28), 0x9901);
                }
            }
        }
        return encrypted ? Optional.of(aes ? "ZIP (AES)" : "ZIP (ZipCrypto)") : Optional.empty();
    }

    private static boolean hasExtra(byte[] b, int start, int length, int headerId) {
        int end = Math.min(b.length, start + length);
        for (int p = start; p + 4 <= end; p += 4 + u16(b, p + 2)) {
            if (u16(b, p) == headerId) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> sevenZipEncryption(byte[] b) {
        if (b.length < 32) {
            return Optional.empty();
        }
        long nextOffset = 32 + u64(b, 12);
        long nextSize = u64(b, 20);
        if (nextOffset < 32 || nextSize <= 0 || nextOffset + nextSize > b.length) {
            return Optional.empty();
        }
        int start = (int) nextOffset;
        int end = (int) (nextOffset + nextSize);
        // 0x17 kEncodedHeader: the header itself is packed; its coders are listed in clear text
        if (b[start] == 0x17 && indexOf(b, AES_CODER, start, end) >= 0) {
            return Optional.of("7z (encrypted headers)");
        }
        if (b[start] == 0x01 && indexOf(b, AES_CODER, start, end) >= 0) {
            return Optional.of("7z (AES)");
        }
        return Optional.empty();
    }

    private static Optional<String> oleEncryption(byte[] b) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(b))) {
            DirectoryEntry root = fs.getRoot();
            if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
                return Optional.of("Office (password, OOXML)");
            }
            if (root.hasEntry("WordDocument")) {
                byte[] fib = head(root, "WordDocument", 12);
                if (fib.length >= 12 && u16(fib, 0) == 0xA5EC && (u16(fib, 0x0A) & 0x0100) != 0) {
                    return Optional.of("Word 97-2003 (password)");
                }
            }
            for (String workbook : new String[] {"Workbook", "Book"}) {
                if (root.hasEntry(workbook) && hasFilePass(root, workbook)) {
                    return Optional.of("Excel 97-2003 (password)");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static byte[] head(DirectoryEntry dir, String name, int n) throws IOException {
        try (InputStream in = new DocumentInputStream((DocumentEntry) dir.getEntry(name))) {
            return in.readNBytes(n);
        }
    }

    /** BIFF8: a FILEPASS record (0x002F) in the workbook globals, i.e. before the first EOF (0x000A). */
    private static boolean hasFilePass(DirectoryEntry dir, String name) throws IOException {
        try (InputStream in = new DocumentInputStream((DocumentEntry) dir.getEntry(name))) {
            for (int records = 0; records < 10000; records++) {
                byte[] header = in.readNBytes(4);
                if (header.length < 4) {
                    return false;
                }
                int type = u16(header, 0);
                int length = u16(header, 2);
                if (type == 0x002F) {
                    return true;
                }
                if (type == 0x000A) {
                    return false;
                }
                if (in.skip(length) < length) {
                    return false;
                }
            }
        }
        return false;
    }

    private static Optional<String> vbaStorage(DirectoryEntry dir, int depth) {
        if (depth > 4) {
            return Optional.empty();
        }
        for (Entry e : dir) {
            String name = e.getName();
            if (e.isDirectoryEntry()) {
                if (name.equals("Macros") || name.equals("_VBA_PROJECT_CUR") || name.equals("VBA")) {
                    return Optional.of(name);
                }
                Optional<String> inner = vbaStorage((DirectoryEntry) e, depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > b.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, byte[] needle, int from) {
        return indexOf(b, needle, from, b.length);
    }

    static int indexOf(byte[] b, byte[] needle, int from, int to) {
        for (int i = Math.max(0, from); i + needle.length <= to; i++) {
            if (startsWith(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte[] needle) {
        int stop = Math.max(0, b.length - 22 - 65535);
        for (int i = b.length - needle.length; i >= stop; i--) {
            if (startsWith(b, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static int u16(byte[] b, int at) {
        return at + 2 <= b.length ? (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 : 0;
    }

    private static long u32(byte[] b, int at) {
        return at + 4 <= b.length ? (u16(b, at) & 0xFFFFL) | ((long) u16(b, at + 2)) << 16 : 0;
    }

    private static long u64(byte[] b, int at) {
        return at + 8 <= b.length ? u32(b, at) | u32(b, at + 4) << 32 : -1;
    }
}

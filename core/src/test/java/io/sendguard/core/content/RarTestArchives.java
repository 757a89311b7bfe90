package io.sendguard.core.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Builds small RAR 4.x and RAR 5.0 archives byte by byte from RARLAB's published format descriptions, with
 * valid header CRCs, because no tool on these machines creates RAR files (RAR is proprietary; 7-Zip and
 * p7zip only read it). Files are stored (method "store" / 0x30), so the data area holds the file as is; the
 * "encrypted" variants carry the flags, salts and records an encrypting RAR writes, followed by random bytes
 * where RAR would put ciphertext — enough for a reader of headers, which is all the probe is. Debian's
 * {@code 7z l -slt} lists the clear and entry-encrypted archives (Encrypted = +) and asks for a password for
 * the header-encrypted ones, which is how these bytes were checked once. {@link #main} writes the end-to-end
 * fixtures.
 */
public final class RarTestArchives {
    private static final Random RANDOM = new Random(42);

    private RarTestArchives() {
    }

    // ------------------------------------------------------------------------------------------------ RAR 4

    /** A RAR 4 archive holding {@code name} with {@code content}; entry encrypted (rar -p) when asked. */
    public static byte[] rar4(String name, byte[] content, boolean encryptedEntry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR4_SIGNATURE);
        out.writeBytes(rar4Block(0x73, 0, new byte[6])); // archive header: RESERVED1 (2), RESERVED2 (4)
        byte[] data = encryptedEntry ? random(((content.length + 15) / 16) * 16) : content;
        out.writeBytes(rar4FileHeader(name, content, data.length, encryptedEntry));
        out.writeBytes(data);
        out.writeBytes(rar4Block(0x7B, 0x4000, new byte[0])); // end of archive
        return out.toByteArray();
    }

    /** A RAR 4 archive made with {@code rar -hp}: the archive header says 0x0080, the rest is ciphertext. */
    public static byte[] rar4EncryptedHeaders() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR4_SIGNATURE);
        out.writeBytes(rar4Block(0x73, 0x0080, new byte[6]));
        out.writeBytes(random(8)); // salt
        out.writeBytes(random(96)); // encrypted file header, data, end block
        return out.toByteArray();
    }

    static byte[] rar4FileHeader(String name, byte[] content, long packSize, boolean encrypted) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        le32(f, packSize); // PACK_SIZE
        le32(f, content.length); // UNP_SIZE
        f.write(2); // HOST_OS: Win32
        le32(f, crc32(content)); // FILE_CRC
        le32(f, 0x5A7B_6000L); // FTIME (MS-DOS date/time)
        f.write(29); // UNP_VER
        f.write(0x30); // METHOD: store
        le16(f, nameBytes.length); // NAME_SIZE
        le32(f, 0x20); // ATTR: archive
        f.writeBytes(nameBytes);
        int flags = 0x8000; // long block: ADD_SIZE (= PACK_SIZE) present
        if (encrypted) {
            flags |= 0x0004 | 0x0400; // LHD_PASSWORD, LHD_SALT
            f.writeBytes(random(8));
        }
        return rar4Block(0x74, flags, f.toByteArray());
    }

    /** HEAD_CRC, HEAD_TYPE, HEAD_FLAGS, HEAD_SIZE, then {@code rest} (which starts with ADD_SIZE for long blocks). */
    static byte[] rar4Block(int type, int flags, byte[] rest) {
        int size = 7 + rest.length;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(type);
        le16(h, flags);
        le16(h, size);
        h.writeBytes(rest);
        byte[] body = h.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le16(out, crc32(body) & 0xFFFF);
        out.writeBytes(body);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------------ RAR 5

    /** A RAR 5 archive holding {@code name} with {@code content}; entry encrypted (rar -p) when asked. */
    public static byte[] rar5(String name, byte[] content, boolean encryptedEntry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR5_SIGNATURE);
        out.writeBytes(rar5MainHeader());
        byte[] data = encryptedEntry ? random(((content.length + 15) / 16) * 16) : content;
        out.writeBytes(rar5FileHeader(name, content, data.length, encryptedEntry));
        out.writeBytes(data);
        out.writeBytes(rar5EndHeader());
        return out.toByteArray();
    }

    /** A RAR 5 archive made with {@code rar -hp}: an archive encryption header, then encrypted headers. */
    public static byte[] rar5EncryptedHeaders() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarProbe.RAR5_SIGNATURE);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        vint(body, 4); // header type: archive encryption
        vint(body, 0); // header flags
        vint(body, 0); // encryption version: AES-256
        vint(body, 0x0001); // encryption flags: password check data present
        body.write(15); // KDF count
        body.writeBytes(random(16)); // salt
        body.writeBytes(random(12)); // check value
        out.writeBytes(rar5Header(body.toByteArray()));
        for (int i = 0; i < 3; i++) { // main, file and end headers: 16-byte IV + AES blocks each
            out.writeBytes(random(16 + 32));
        }
        return out.toByteArray();
    }

    static byte[] rar5MainHeader() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        vint(body, 1); // header type: main archive header
        vint(body, 0); // header flags
        vint(body, 0); // archive flags
        return rar5Header(body.toByteArray());
    }

    static byte[] rar5EndHeader() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        vint(body, 5); // header type: end of archive
        vint(body, 0); // header flags
        vint(body, 0); // end of archive flags
        return rar5Header(body.toByteArray());
    }

    static byte[] rar5FileHeader(String name, byte[] content, long dataSize, boolean encrypted) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        if (encrypted) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            vint(record, 0x01); // record type: file encryption
            vint(record, 0); // version: AES-256
            vint(record, 0x0001); // flags: password check data present
            record.write(15); // KDF count
            record.writeBytes(random(16)); // salt
            record.writeBytes(random(16)); // IV
            record.writeBytes(random(12)); // check value
            vint(extra, record.size());
            extra.writeBytes(record.toByteArray());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        vint(body, 2); // header type: file header
        vint(body, 0x0002 | (extra.size() > 0 ? 0x0001 : 0)); // header flags: data area, extra area
        if (extra.size() > 0) {
            vint(body, extra.size());
        }
        vint(body, dataSize);
        vint(body, 0x0004); // file flags: data CRC32 present
        vint(body, content.length); // unpacked size
        vint(body, 0x20); // attributes
        le32(body, crc32(content)); // data CRC32
        vint(body, 0); // compression information: version 0, method 0 (store)
        vint(body, 0); // host OS: Windows
        vint(body, nameBytes.length);
        body.writeBytes(nameBytes);
        body.writeBytes(extra.toByteArray());
        return rar5Header(body.toByteArray());
    }

    /** CRC32 (over the size vint and the body), header size vint, body. */
    static byte[] rar5Header(byte[] body) {
        ByteArrayOutputStream sized = new ByteArrayOutputStream();
        vint(sized, body.length);
        sized.writeBytes(body);
        byte[] crcd = sized.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le32(out, crc32(crcd));
        out.writeBytes(crcd);
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static void vint(ByteArrayOutputStream out, long value) {
        long v = value;
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void le16(ByteArrayOutputStream out, long v) {
        out.write((int) (v & 0xFF));
        out.write((int) (v >>> 8 & 0xFF));
    }

    static void le32(ByteArrayOutputStream out, long v) {
        le16(out, v & 0xFFFF);
        le16(out, v >>> 16 & 0xFFFF);
    }

    static long crc32(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b);
        return crc.getValue();
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Writes the end-to-end fixtures into the directory given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        byte[] doc = "見積書 (RAR test)\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("encrypted-entries.rar"), rar5("見積書.txt", doc, true));
        Files.write(dir.resolve("encrypted-headers.rar"), rar5EncryptedHeaders());
        Files.write(dir.resolve("encrypted-entries-v4.rar"), rar4("quote.txt", doc, true));
        Files.write(dir.resolve("encrypted-headers-v4.rar"), rar4EncryptedHeaders());
        Files.write(dir.resolve("clear.rar"), rar5("quote.txt", doc, false));
        byte[] truncated = rar5("quote.txt", doc, true);
        Files.write(dir.resolve("truncated.rar"), Arrays.copyOf(truncated, truncated.length - 20));
    }
}

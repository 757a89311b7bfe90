package io.sendguard.core.content;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds small LZH (LHA) archives byte by byte from the published level-0 header format, because no tool on these
 * machines writes LZH: one header per file (size, checksum, method {@code -lh0-} = stored, packed and original size,
 * MS-DOS time, attribute, level 0, name, CRC-16 of the data), the data as is, and a zero byte ending the archive.
 * Stored means the text inside is in clear in the archive: exactly the case that must not pass as clean because
 * nobody reads the format. Also the first bytes of ARJ and CAB archives, enough for a type detector. {@link #main}
 * writes the end-to-end fixture ({@code confidential.lzh}).
 */
public final class LzhTestArchives {
    private LzhTestArchives() {
    }

    /** A level-0 LZH archive storing {@code name} with {@code content} uncompressed ({@code -lh0-}). */
    public static byte[] lzhStored(String name, byte[] content) {
        byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream h = new ByteArrayOutputStream(); // the header from offset 2 (what the checksum covers)
        h.writeBytes("-lh0-".getBytes(StandardCharsets.US_ASCII));
        le32(h, content.length); // packed size
        le32(h, content.length); // original size
        le32(h, 0x5A7B_6000L); // MS-DOS time and date
        h.write(0x20); // attribute: archive
        h.write(0); // header level 0
        h.write(nameBytes.length);
        h.writeBytes(nameBytes);
        le16(h, crc16(content));
        byte[] header = h.toByteArray();
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.length); // header size, without these two bytes
        out.write(sum & 0xFF); // header checksum
        out.writeBytes(header);
        out.writeBytes(content);
        out.write(0); // end of archive
        return out.toByteArray();
    }

    /** The start of an ARJ archive: its main header (0x60 0xEA, size, first header, archiver version, ...). */
    public static byte[] arjStart() {
        byte[] b = new byte[64];
        b[0] = 0x60;
        b[1] = (byte) 0xEA;
        b[2] = 30; // basic header size
        b[4] = 30; // first header size
        b[5] = 11; // archiver version
        b[6] = 1; // minimum version to extract
        b[7] = 2; // host OS: Unix
        b[10] = 2; // file type: main header
        return b;
    }

    /** The start of a Microsoft cabinet: "MSCF", reserved, cabinet size, ..., version 1.3. */
    public static byte[] cabStart() {
        byte[] b = new byte[64];
        System.arraycopy("MSCF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[8] = 64; // cabinet size
        b[16] = 44; // offset of the first file entry
        b[24] = 3; // minor version
        b[25] = 1; // major version
        b[26] = 1; // one folder
        b[28] = 1; // one file
        return b;
    }

    /** CRC-16/ARC (polynomial 0x8005 reflected), the checksum LHA keeps for each file. */
    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write(v >>> 8 & 0xFF);
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        le16(out, (int) (v & 0xFFFF));
        le16(out, (int) (v >>> 16 & 0xFFFF));
    }

    /** Writes {@code confidential.lzh} (a stored file with 社外秘 text) into the directory given. */
    public static void main(String[] args) throws IOException {
        byte[] text = "【社外秘】2027年度 価格改定案\n取引先には開示しないこと。\n".getBytes(StandardCharsets.UTF_8);
        Files.write(Path.of(args[0]).resolve("confidential.lzh"), lzhStored("kakaku.txt", text));
    }
}

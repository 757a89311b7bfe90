package io.sendguard.inspection.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Test documents and raw mails built in code (no binary fixtures, no external tools). */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] docx(String text) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(text);
            doc.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx(String text) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("見積").createRow(0).createCell(0).setCellValue(text);
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** A PDF with ASCII text in Helvetica (standard 14 font); optionally encrypted with a user password. */
    static byte[] pdf(String asciiText, boolean encrypted) throws IOException {
        return pdf(encrypted, asciiText);
    }

    /**
     * A PDF with one page per text, each in Helvetica; an empty text gives a blank page (no content stream),
     * as a scanned page without a text layer looks to a text extractor.
     */
    static byte[] pdfPages(String... asciiTexts) throws IOException {
        return pdf(false, asciiTexts);
    }

    private static byte[] pdf(boolean encrypted, String... asciiTexts) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : asciiTexts) {
                PDPage page = new PDPage();
                doc.addPage(page);
                if (text.isEmpty()) {
                    continue;
                }
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 700);
                    cs.showText(text);
                    cs.endText();
                }
            }
            if (encrypted) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] corruptPdf() {
        byte[] head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[4096];
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return m;
    }

    /** One entry of {@code megabytes} MB of zeros, deflated (about 1000:1). */
    static byte[] zipBomb(int megabytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("zeros.txt"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /**
     * A ZIP with one "stored" entry whose general purpose bit 0 (encrypted) is set, written by hand: local
     * header, 12-byte traditional PKWARE encryption header + data, central directory, end record.
     */
    static byte[] encryptedZip(String name, byte[] plain) {
        return encryptedZip(name, plain, false);
    }

    /**
     * @param dataDescriptor CRC and sizes after the data (general purpose bit 3) instead of in the local header,
     *                       as {@code zip -P} writes them
     */
    static byte[] encryptedZip(String name, byte[] plain, boolean dataDescriptor) {
        short flags = (short) (dataDescriptor ? 0x0009 : 0x0001);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[12 + plain.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 73 + 11); // pretend ciphertext
        }
        CRC32 crc = new CRC32();
        crc.update(plain);
        ByteBuffer b = ByteBuffer.allocate(200 + 2 * nameBytes.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x04034b50).putShort((short) 20).putShort(flags).putShort((short) 0)
            .putShort((short) 0).putShort((short) 0x21).putInt(dataDescriptor ? 0 : (int) crc.getValue())
            .putInt(dataDescriptor ? 0 : data.length).putInt(dataDescriptor ? 0 : plain.length)
            .putShort((short) nameBytes.length).putShort((short) 0)
            .put(nameBytes).put(data);
        if (dataDescriptor) {
            b.putInt(0x08074b50).putInt((int) crc.getValue()).putInt(data.length).putInt(plain.length);
        }
        int cdStart = b.position();
        b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort(flags).putShort((short) 0)
            .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
            .putInt(data.length).putInt(plain.length).putShort((short) nameBytes.length).putShort((short) 0)
            .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(nameBytes);
        int cdSize = b.position() - cdStart;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
            .putInt(cdSize).putInt(cdStart).putShort((short) 0);
        byte[] out = new byte[b.position()];
        b.flip();
        b.get(out);
        return out;
    }

    static String encodedWord(String text, String charset) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(charset))) + "?=";
    }

    /** Builds raw RFC 5322 bytes: headers, then a single body or a multipart/mixed with the given parts. */
    /**
     * A mail of {@code depth} multiparts nested in each other, a text part with {@code text} in the innermost one
     * (the attack of issue #18: about 2,500 levels in 195 KB overflowed the stack of recursive walks).
     */
    static byte[] nestedMultiparts(int depth, String text) {
        StringBuilder head = new StringBuilder("From: a@example.jp\r\nTo: b@example.com\r\nSubject: nested\r\nMIME-Version: 1.0\r\n");
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            head.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
            tail.insert(0, "\r\n--b" + i + "--\r\n");
        }
        head.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(text);
        return head.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    static final class RawMail {
        private final List<String> headers = new ArrayList<>();
        private final List<byte[]> parts = new ArrayList<>();
        private byte[] singleBody;

        RawMail header(String line) {
            headers.add(line);
            return this;
        }

        /** Single-part mail with the body bytes as they are (8bit). */
        RawMail body(String contentType, byte[] body) {
            headers.add("Content-Type: " + contentType);
            headers.add("Content-Transfer-Encoding: " + (isAscii(body) ? "7bit" : "8bit"));
            singleBody = body;
            return this;
        }

        RawMail textPart(String contentType, byte[] body) {
            String head = "Content-Type: " + contentType + "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
            parts.add(concat(head.getBytes(StandardCharsets.US_ASCII), base64(body)));
            return this;
        }

        /** @param dispositionParams e.g. {@code filename="a.pdf"} or {@code filename*=UTF-8''%E8...} */
        RawMail attachment(String contentType, String dispositionParams, byte[] body) {
            String head = "Content-Type: " + contentType + "\r\nContent-Disposition: attachment; " + dispositionParams
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
            parts.add(concat(head.getBytes(StandardCharsets.ISO_8859_1), base64(body)));
            return this;
        }

        byte[] build() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(out, "From: a@example.jp\r\nTo: b@example.com\r\nMIME-Version: 1.0\r\n");
            for (String h : headers) {
                writeLatin1(out, h + "\r\n");
            }
            if (singleBody != null) {
                write(out, "\r\n");
                out.writeBytes(singleBody);
                return out.toByteArray();
            }
            write(out, "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n");
            for (byte[] p : parts) {
                write(out, "--b1\r\n");
                out.writeBytes(p);
                write(out, "\r\n");
            }
            write(out, "--b1--\r\n");
            return out.toByteArray();
        }

        private static byte[] base64(byte[] body) {
            return Base64.getMimeEncoder().encode(body);
        }

        private static boolean isAscii(byte[] b) {
            for (byte x : b) {
                if (x < 0) {
                    return false;
                }
            }
            return true;
        }

        private static void write(OutputStream out, String s) {
            try {
                out.write(s.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void writeLatin1(OutputStream out, String s) {
            try {
                out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] r = new byte[a.length + b.length];
            System.arraycopy(a, 0, r, 0, a.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }
    }
}

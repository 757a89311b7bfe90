package io.sendguard.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.mail.internet.ContentDisposition;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

class RawHeaderEncoderTest {
    /** A field as received: the text in the given charset, lines separated by CRLF, each ending in CRLF. */
    private static List<byte[]> field(String text, Charset charset) {
        List<byte[]> lines = new ArrayList<>();
        for (String line : text.split("\r\n", -1)) {
            lines.add((line + "\r\n").getBytes(charset));
        }
        return lines;
    }

    private static String joined(List<byte[]> lines) {
        StringBuilder sb = new StringBuilder();
        for (byte[] l : lines) {
            for (byte b : l) {
                assertThat(b).as("7-bit output").isBetween((byte) 0, (byte) 0x7e);
            }
            assertThat(l.length).isLessThanOrEqualTo(1000);
            assertThat(new String(l, StandardCharsets.US_ASCII)).endsWith("\r\n");
            sb.append(new String(l, StandardCharsets.US_ASCII));
        }
        return sb.toString();
    }

    private static String value(String field) throws Exception {
        String unfolded = field.replaceAll("\r\n[ \t]", " ").replace("\r\n", "");
        return unfolded.substring(unfolded.indexOf(':') + 1).trim();
    }

    @Test
    void rawUtf8SubjectBecomesEncodedWordsThatDecodeToTheSameText() throws Exception {
        Optional<List<byte[]>> out = RawHeaderEncoder.encode(field("Subject: 社外秘 raw subject only", StandardCharsets.UTF_8));
        assertThat(out).isPresent();
        String f = joined(out.get());
        assertThat(f).startsWith("Subject: =?UTF-8?B?");
        assertThat(MimeUtility.decodeText(value(f))).isEqualTo("社外秘 raw subject only");
    }

    @Test
    void shiftJisEucJpAndIso2022JpSubjectsAreDecodedByDetection() throws Exception {
        for (String charset : new String[] {"windows-31j", "EUC-JP", "ISO-2022-JP"}) {
            Optional<List<byte[]>> out = RawHeaderEncoder.encode(
                field("Subject: 【社外秘】見積書の送付について", Charset.forName(charset)));
            assertThat(out).as(charset).isPresent();
            assertThat(MimeUtility.decodeText(value(joined(out.get())))).as(charset)
                .isEqualTo("【社外秘】見積書の送付について");
        }
    }

    @Test
    void foldedRawSubjectIsUnfoldedOnceAndLongTextIsFoldedAgain() throws Exception {
        String longText = "極秘".repeat(60) + " end";
        Optional<List<byte[]>> out = RawHeaderEncoder.encode(
            field("Subject: 取扱注意\r\n " + longText, StandardCharsets.UTF_8));
        assertThat(out).isPresent();
        assertThat(out.get().size()).isGreaterThan(2);
        for (int i = 1; i < out.get().size(); i++) {
            byte first = out.get().get(i)[0];
            assertThat(first == ' ' || first == '\t').as("continuation line starts with white space").isTrue();
        }
        assertThat(MimeUtility.decodeText(value(joined(out.get())))).isEqualTo("取扱注意 " + longText);
    }

    @Test
    void rawDisplayNamesAreEncodedAndAddressesKept() throws Exception {
        Optional<List<byte[]>> out = RawHeaderEncoder.encode(field(
            "To: 山田 太郎 <taro@example.com>, plain@example.net,\r\n \"鈴木, 花子\" <hanako@example.org>",
            StandardCharsets.UTF_8));
        assertThat(out).isPresent();
        String f = joined(out.get());
        assertThat(f).startsWith("To: ");
        InternetAddress[] parsed = InternetAddress.parseHeader(value(f), true);
        assertThat(parsed).extracting(InternetAddress::getAddress)
            .containsExactly("taro@example.com", "plain@example.net", "hanako@example.org");
        assertThat(parsed).extracting(InternetAddress::getPersonal).containsExactly("山田 太郎", null, "鈴木, 花子");
    }

    @Test
    void contentDispositionFileNameBecomesRfc2231() throws Exception {
        Optional<List<byte[]>> out = RawHeaderEncoder.encode(
            field("Content-Disposition: attachment; filename=\"顧客名簿.xlsx\"", StandardCharsets.UTF_8));
        assertThat(out).isPresent();
        String f = joined(out.get());
        assertThat(f).contains("filename*=");
        ContentDisposition cd = new ContentDisposition(value(f));
        assertThat(cd.getParameter("filename")).isEqualTo("顧客名簿.xlsx");
    }

    @Test
    void fieldsLeftAsTheyAre() {
        // ASCII only, encoded words already, structured fields, an internationalized address, no CRLF.
        assertThat(RawHeaderEncoder.encode(field("Subject: plain", StandardCharsets.UTF_8))).isEmpty();
        assertThat(RawHeaderEncoder.encode(field("Subject: =?UTF-8?B?56S+5aSW56eY?=", StandardCharsets.UTF_8))).isEmpty();
        assertThat(RawHeaderEncoder.encode(field("Received: from 日本 by x; Sat, 28 Nov 2026 00:00:00 +0000",
            StandardCharsets.UTF_8))).isEmpty();
        assertThat(RawHeaderEncoder.encode(field("Message-ID: <日本@example.com>", StandardCharsets.UTF_8))).isEmpty();
        assertThat(RawHeaderEncoder.encode(field("From: 太郎 <太郎@example.com>", StandardCharsets.UTF_8))).isEmpty();
        assertThat(RawHeaderEncoder.encode(List.of("Subject: 社外秘\n".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(RawHeaderEncoder.encode(List.of("no colon 社外秘\r\n".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void unknownFieldsAreTreatedAsUnstructured() throws Exception {
        Optional<List<byte[]>> out = RawHeaderEncoder.encode(field("X-Project: 新製品 計画", StandardCharsets.UTF_8));
        assertThat(out).isPresent();
        assertThat(MimeUtility.decodeText(value(joined(out.get())))).isEqualTo("新製品 計画");
    }
}

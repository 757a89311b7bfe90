package io.sendguard.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.mail.internet.MimeUtility;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.protocols.api.Response;
import org.junit.jupiter.api.Test;

class EncodeRawHeadersTest {
    private final EncodeRawHeaders filter = new EncodeRawHeaders();

    /** Feeds the DATA lines (CRLF-terminated, "." last) through a fresh transaction; returns what came out. */
    private byte[] run(byte[] data) {
        EncodeRawHeaders.Progress progress = new EncodeRawHeaders.Progress();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> seen = new ArrayList<>();
        EncodeRawHeaders.Next next = line -> {
            seen.add(line);
            out.write(line, 0, line.length);
            return null;
        };
        for (byte[] line : lines(data)) {
            Response r = filter.onLine(progress, line, next, null);
            assertThat(r).isNull();
        }
        for (byte[] l : seen) {
            assertThat(l.length).isGreaterThan(0);
        }
        return out.toByteArray();
    }

    private static List<byte[]> lines(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                byte[] l = new byte[i + 1 - start];
                System.arraycopy(data, start, l, 0, l.length);
                lines.add(l);
                start = i + 1;
            }
        }
        return lines;
    }

    @Test
    void encodesRawSubjectAndFromAndLeavesEverythingElseByteForByte() throws Exception {
        String headersRest = "Date: Sat, 28 Nov 2026 10:00:00 +0900\r\nTo: bob@partner.example\r\n";
        String body = "\r\n本文は 8bit のまま\r\n..dot-stuffed line\r\nX-Not-A-Header: 社外秘\r\n.\r\n";
        byte[] in = ("From: 山田 <alice@example.com>\r\n" + headersRest
            + "Subject: 社外秘\r\n raw subject\r\nMIME-Version: 1.0\r\n" + body).getBytes(StandardCharsets.UTF_8);

        String out = new String(run(in), StandardCharsets.UTF_8);

        int blank = out.indexOf("\r\n\r\n");
        String headers = out.substring(0, blank + 2);
        assertThat(headers.chars().allMatch(c -> c < 0x80)).as("header block is 7-bit: " + headers).isTrue();
        assertThat(headers).startsWith("From: =?UTF-8?B?");
        assertThat(headers).contains(headersRest).contains("MIME-Version: 1.0\r\n");
        int s = headers.indexOf("Subject: ");
        String subject = headers.substring(s + 9, headers.indexOf("\r\nMIME-Version")).replaceAll("\r\n[ \t]", " ");
        assertThat(MimeUtility.decodeText(subject)).isEqualTo("社外秘 raw subject");
        assertThat(out.substring(blank + 2)).isEqualTo(body);
    }

    @Test
    void aMailWithoutRawTextPassesUnchanged() {
        byte[] in = ("From: alice@example.com\r\nSubject: =?UTF-8?B?56S+5aSW56eY?=\r\n\tcontinued\r\n"
            + "\r\nbody\r\n.\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(run(in)).isEqualTo(in);
    }

    @Test
    void aMailThatEndsInsideItsHeaderSectionIsStillEncodedAndEnded() {
        byte[] in = "Subject: 極秘\r\n.\r\n".getBytes(StandardCharsets.UTF_8);
        String out = new String(run(in), StandardCharsets.US_ASCII);
        assertThat(out).startsWith("Subject: =?UTF-8?B?").endsWith("\r\n.\r\n");
    }

    @Test
    void anOverlongFieldIsPassedOnAsItIsWithoutBufferingItAll() {
        StringBuilder sb = new StringBuilder("Subject: 社外秘\r\n");
        for (int i = 0; i < 2000; i++) {
            sb.append(" continued line number ").append(i).append(" 社外秘 padding padding\r\n");
        }
        byte[] in = (sb + "To: bob@partner.example\r\n\r\nbody\r\n.\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(in.length).isGreaterThan(EncodeRawHeaders.MAX_FIELD_BYTES);
        assertThat(run(in)).isEqualTo(in);
    }

    @Test
    void aBodyThatStartsWithoutABlankLineIsNotTakenForHeaders() {
        byte[] in = "Subject: ok\r\nthis line is no field: 社外秘\r\nTo: 山田 <x@example.com>\r\n.\r\n"
            .getBytes(StandardCharsets.UTF_8);
        assertThat(run(in)).isEqualTo(in);
    }

    @Test
    void transactionsDoNotShareState() {
        byte[] first = "Subject: 秘\r\n\r\nSubject: body text 秘\r\n.\r\n".getBytes(StandardCharsets.UTF_8);
        String out = new String(run(first), StandardCharsets.UTF_8);
        assertThat(out).endsWith("\r\n\r\nSubject: body text 秘\r\n.\r\n");
        assertThat(new String(run(first), StandardCharsets.UTF_8)).isEqualTo(out);
    }

    @Test
    void parametersAreRefusedByName() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("charset", "UTF-8");
        assertThatThrownBy(() -> filter.init(config)).hasMessageContaining("charset");
    }
}

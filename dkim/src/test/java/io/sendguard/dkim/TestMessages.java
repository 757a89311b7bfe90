package io.sendguard.dkim;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Sample messages (CRLF line endings). */
public final class TestMessages {
    private TestMessages() {
    }

    /** A plain message with folded headers, odd whitespace and trailing empty lines. */
    public static byte[] plain() {
        return String.join("\r\n",
                "Received: from client.example.org by mx.example.com; Mon, 1 Jan 2024 10:00:00 +0000",
                "From: Alice Example <alice@example.com>",
                "To: Bob <bob@example.net>,",
                "\tCarol <carol@example.net>",
                "Subject:   Quarterly   report \t ",
                "  continued subject",
                "Date: Mon, 1 Jan 2024 10:00:00 +0000",
                "Message-ID: <20240101100000.1@example.com>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "X-Unsigned: not listed",
                "",
                "Hello Bob,  ",
                "",
                "  the numbers\tare in.\t",
                "Regards",
                "",
                "",
                "") .getBytes(StandardCharsets.US_ASCII);
    }

    /** A multipart/mixed message with a base64 attachment. */
    public static byte[] multipartWithAttachment() {
        byte[] attachment = new byte[3000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31 + 7);
        }
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        return String.join("\r\n",
                "From: reports@example.com",
                "To: finance@example.net",
                "Cc: audit@example.net",
                "Subject: Report with attachment",
                "Date: Tue, 2 Jan 2024 08:30:00 +0100",
                "Message-ID: <att-1@example.com>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"=_boundary_42\"",
                "",
                "This is a multi-part message in MIME format.",
                "",
                "--=_boundary_42",
                "Content-Type: text/plain; charset=us-ascii",
                "Content-Transfer-Encoding: 7bit",
                "",
                "See the attached file.",
                "",
                "--=_boundary_42",
                "Content-Type: application/octet-stream; name=\"data.bin\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"data.bin\"",
                "",
                b64,
                "--=_boundary_42--",
                "").getBytes(StandardCharsets.US_ASCII);
    }

    /** A Japanese message in ISO-2022-JP (7-bit, with escape sequences). */
    public static byte[] iso2022jp() {
        Charset jis = Charset.forName("ISO-2022-JP");
        String subject = "=?ISO-2022-JP?B?" + Base64.getEncoder().encodeToString("会議の件".getBytes(jis)) + "?=";
        String body = "山田様\r\n\r\n明日の会議は十時からです。\r\nよろしくお願いします。\r\n";
        String headers = String.join("\r\n",
                "From: =?ISO-2022-JP?B?" + Base64.getEncoder().encodeToString("鈴木".getBytes(jis)) + "?= <suzuki@example.jp>",
                "To: yamada@example.co.jp",
                "Subject: " + subject,
                "Date: Wed, 3 Jan 2024 09:00:00 +0900",
                "Message-ID: <jp-1@example.jp>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=ISO-2022-JP",
                "Content-Transfer-Encoding: 7bit",
                "",
                "");
        byte[] h = headers.getBytes(StandardCharsets.US_ASCII);
        byte[] b = body.getBytes(jis);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }
}
